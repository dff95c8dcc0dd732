package io.ofnevents.cli;

import io.ofnevents.bench.Bench;
import io.ofnevents.bench.BenchOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `bench`: the product's end-to-end path against a raw jnats + HTTP baseline, in one run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Start nats-server (JetStream) and an HTTP sink, measure the sink's own rate, two hand-written"
          + " jnats consumers and the product's path bus → Trigger → HTTP sink on the same events"
          + " (saturated, paced at 1,000 events/s, and draining a backlog), a Kafka topic drained"
          + " onto the bus, then start-up and compile figures. Prints a Markdown report; the last"
          + " line is RESULT."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--events",
      defaultValue = "5000",
      description = "Events per measured round and path (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(
      names = "--payload",
      paramLabel = "BYTES",
      defaultValue = "1024",
      description = "Bytes of data per event (default: ${DEFAULT-VALUE}).")
  int payload;

  @Option(
      names = "--subscribers",
      defaultValue = "1",
      description =
          "HTTP sink subscribers of the Trigger; the raw consumer POSTs to as many (default: ${DEFAULT-VALUE}).")
  int subscribers;

  @Option(
      names = "--concurrency",
      defaultValue = "32",
      description =
          "Events in flight per input for the Trigger and the strong baseline; the simple baseline"
              + " has one (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "Measured rounds per path and kind; medians and min-max are reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--warmup",
      defaultValue = "2000",
      description = "Warm-up events per path (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--startup",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "EventSources (and as many Triggers) of the largest start-up measurement; 1 pair, and 100,"
              + " 500 and 1,000 below it, are measured too (default: ${DEFAULT-VALUE}).")
  int startup;

  @Option(
      names = "--compile",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Resources of the compile-time measurement (default: ${DEFAULT-VALUE}).")
  int compile;

  @Option(
      names = "--drain",
      paramLabel = "N",
      defaultValue = "50000",
      description =
          "Events published before the consumers start, per backlog-drain round (default: ${DEFAULT-VALUE}).")
  int drain;

  @Option(
      names = "--source-events",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Kafka records per source-half round; 0 skips it (default: ${DEFAULT-VALUE}).")
  int sourceEvents;

  @Option(
      names = "--knative",
      description =
          "Also drain the backlog through a Knative Trigger (Broker on JetStream, attribute filter)"
              + " and start one Broker with as many Knative Triggers as --startup.")
  boolean knative;

  @Override
  public Integer call() throws Exception {
    BenchOptions options;
    try {
      options =
          new BenchOptions(
              events,
              payload,
              subscribers,
              concurrency,
              rounds,
              warmup,
              startup,
              compile,
              drain,
              sourceEvents,
              knative);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("ofn-events bench: " + e.getMessage());
      return 2;
    }
    Bench.run(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    return 0;
  }
}
