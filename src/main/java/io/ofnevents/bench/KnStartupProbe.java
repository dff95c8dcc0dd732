package io.ofnevents.bench;

import io.ofnevents.compile.Names;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up of `ofn-events run` in a child JVM with one Broker on the benchmark's JetStream and
 * `count` Knative Triggers, each with its own `type` filter and the sink as subscriber, at the same
 * counts as {@link StartupProbe}. No PingSources: N of them would each send every Trigger a tick
 * (Knative's Broker fans every event out to every Trigger's filter), so the figure would be the
 * filters' N² evaluations per second, not what a Trigger costs; events come through the Broker's
 * ingress instead. Measured: time to `/health/ready`, to the first event at the sink (POSTed to the
 * ingress when ready, for the last Trigger), resident memory when ready and after 3 s of {@link
 * #RATE} events/s spread over the Triggers.
 */
final class KnStartupProbe {
  /** Events per second sent to the Broker while running; each Trigger's filter sees all. */
  static final int RATE = 10;

  static final String BROKER = "startup";

  private KnStartupProbe() {}

  static List<StartupProbe.Result> run(
      String natsUrl, ArrivalSink sink, List<Integer> counts, List<String> flags) throws Exception {
    List<StartupProbe.Result> results = new ArrayList<>();
    for (int count : counts) results.add(one(natsUrl, sink, count, flags));
    return results;
  }

  private static StartupProbe.Result one(
      String natsUrl, ArrivalSink sink, int count, List<String> flags) throws Exception {
    Path dir = Files.createTempDirectory("ofn-bench-kn-startup-");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      Path resources = dir.resolve("resources.yaml");
      Files.writeString(resources, resources(natsUrl, sink.url("/kn-startup"), count));
      int ingress = NatsLauncher.freePort();
      URI broker =
          URI.create("http://127.0.0.1:" + ingress + Names.brokerPath(namespace(count), BROKER));
      Tally first = sink.expect(ArrivalSink.UNTAGGED, 1);
      try (ChildRun run =
          ChildRun.start(
              resources,
              flags,
              List.of("--ingress-port", String.valueOf(ingress)),
              dir.resolve("run.log"))) {
        double ready = run.awaitReady();
        double rssReady = run.rssMb();
        post(http, broker, "first", count - 1);
        if (!first.await(30_000))
          throw new IllegalStateException("no event within 30 s\n" + run.tail());
        double firstEvent = (first.lastArrivalNanos() - run.startedNanos()) / 1e9;
        long start = System.nanoTime();
        for (int i = 0; i < 3 * RATE; i++) {
          long due = start + i * 1_000_000_000L / RATE;
          long wait = due - System.nanoTime();
          if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          post(http, broker, "running-" + i, i % count);
        }
        return new StartupProbe.Result(count, ready, firstEvent, rssReady, run.rssMb());
      }
    } finally {
      ChildRun.deleteDir(dir);
    }
  }

  /** A binary-mode CloudEvent of Trigger `trigger`'s type; the ingress must store it (202). */
  private static void post(HttpClient http, URI broker, String id, int trigger) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(broker)
            .timeout(Duration.ofSeconds(30))
            .header("ce-specversion", "1.0")
            .header("ce-id", id)
            .header("ce-source", "/bench")
            .header("ce-type", type(trigger))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != 202) throw new IllegalStateException("the ingress answered " + status);
  }

  static String namespace(int count) {
    return "kn-startup-" + count;
  }

  static String type(int trigger) {
    return String.format(Locale.ROOT, "bench.kn.t%04d", trigger);
  }

  static String resources(String natsUrl, String sinkUrl, int count) {
    String ns = namespace(count);
    StringBuilder y = new StringBuilder();
    y.append(
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default, namespace: %s}
        spec:
          nats: {url: "%s"}
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: {name: %s, namespace: %s}
        """
            .formatted(ns, natsUrl, BROKER, ns));
    for (int i = 0; i < count; i++) {
      y.append(
          """
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Trigger
          metadata: {name: t-%1$04d, namespace: %2$s}
          spec:
            broker: %3$s
            filter: {attributes: {type: %4$s}}
            subscriber: {uri: "%5$s"}
          """
              .formatted(i, ns, BROKER, type(i), sinkUrl));
    }
    return y.toString();
  }
}
