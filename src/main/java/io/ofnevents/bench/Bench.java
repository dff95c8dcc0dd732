package io.ofnevents.bench;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * `ofn-events bench`: the raw baseline and the product's end-to-end path over the same JetStream
 * server and HTTP sink in one run, then start-up and compile figures; prints the report.
 */
public final class Bench {
  static final List<String> RAW_SUBJECTS = List.of("bench-raw-a", "bench-raw-b");

  private final BenchOptions o;
  private final PrintWriter out;
  private final PrintWriter err;
  private final long started = System.nanoTime();

  private Bench(BenchOptions o, PrintWriter out, PrintWriter err) {
    this.o = o;
    this.out = out;
    this.err = err;
  }

  /** Runs the benchmark; progress goes to `err`, the report to `out`. */
  public static void run(BenchOptions o, PrintWriter out, PrintWriter err) throws Exception {
    new Bench(o, out, err).run();
  }

  /** Both rows of the table and the pace of the latency rounds. */
  private record Paths(PathSummary raw, PathSummary e2e, double pacedRate, int pacedEvents) {}

  private void run() throws Exception {
    String loadBefore = ProcessStats.loadAverage();
    // The runtime's start-up lines would drown the progress; warnings and errors still show.
    Configurator.setLevel("io.ofnevents", Level.WARN);
    Configurator.setLevel("org.apache.camel", Level.WARN);
    Configurator.setLevel("org.apache.camel.impl.engine.AbstractCamelContext", Level.WARN);
    try (NatsLauncher nats = NatsLauncher.start();
        ArrivalSink sink = new ArrivalSink()) {
      Paths paths = measurePaths(nats, sink);
      progress("start-up of `ofn-events run` with %1$d EventSources + %1$d Triggers", o.startup());
      StartupProbe.Result startup = StartupProbe.run(nats.url(), sink, o.startup());
      progress("load, validate and compile %,d resources", o.compile());
      CompileTiming.Result compile = CompileTiming.run(o.compile());
      Report.paths(
          out,
          o,
          List.of(paths.raw(), paths.e2e()),
          paths.pacedRate(),
          paths.pacedEvents(),
          loadBefore);
      Report.startup(out, startup, compile);
      Report.result(out, paths.e2e(), paths.raw());
    }
  }

  /**
   * Both paths run side by side on the same nats-server, publisher and sink: each is warmed up,
   * then their saturated rounds alternate (raw, e2e, raw, ...) so that JIT warm-up, machine load
   * and the stream's growth touch both alike; then both get the same paced rounds, alternately, for
   * latency.
   */
  private Paths measurePaths(NatsLauncher nats, ArrivalSink sink) throws Exception {
    List<String> sinks = IntStream.range(0, o.subscribers()).mapToObj(sink::url).toList();
    try (Connection publishing = connect(nats.url(), "bench-publisher");
        Connection consuming = connect(nats.url(), RawPipeline.CONNECTION);
        RawPipeline raw = new RawPipeline(consuming, sinks, o.concurrency())) {
      Publisher publisher = new Publisher(publishing.jetStream(), o.payload());
      raw.start(RAW_SUBJECTS);
      PathRun rawRun =
          new PathRun(
              publisher, sink, RAW_SUBJECTS, o.subscribers(), nats.pid(), RawPipeline.THREADS);
      warm(rawRun, "raw");
      double rawRss = ProcessStats.rssMb();
      progress("starting the product runtime");
      try (ProductPipeline product = ProductPipeline.start(nats.url(), sinks, o.concurrency())) {
        PathRun e2eRun =
            new PathRun(
                publisher,
                sink,
                ProductPipeline.subjects(),
                o.subscribers(),
                nats.pid(),
                ProductPipeline.THREADS);
        // `a && b` holds from the second event on: prime the join with one event of each input.
        e2eRun.round("e2e-prime", 2, o.subscribers(), 0);
        warm(e2eRun, "e2e");
        double e2eRss = ProcessStats.rssMb();
        List<RoundResult> rawSaturated = new ArrayList<>();
        List<RoundResult> e2eSaturated = new ArrayList<>();
        for (int r = 1; r <= o.rounds(); r++) {
          rawSaturated.add(saturated(rawRun, "raw", r));
          e2eSaturated.add(saturated(e2eRun, "e2e", r));
        }
        double rate =
            0.5
                * Math.min(
                    PathSummary.median(rawSaturated, RoundResult::eventsPerSecond),
                    PathSummary.median(e2eSaturated, RoundResult::eventsPerSecond));
        int count = (int) Math.min(o.events(), Math.max(200, rate * 3));
        List<RoundResult> rawPaced = new ArrayList<>();
        List<RoundResult> e2ePaced = new ArrayList<>();
        for (int r = 1; r <= o.rounds(); r++) {
          progress(
              "latency round %d of %d: %d events at %.0f/s per path", r, o.rounds(), count, rate);
          rawPaced.add(rawRun.round("raw-l" + r, count, rate));
          e2ePaced.add(e2eRun.round("e2e-l" + r, count, rate));
        }
        return new Paths(
            PathSummary.of(Report.RAW, rawSaturated, rawPaced, rawRss),
            PathSummary.of(Report.E2E, e2eSaturated, e2ePaced, e2eRss),
            rate,
            count);
      }
    }
  }

  private void warm(PathRun run, String path) throws InterruptedException {
    if (o.warmup() == 0) return;
    progress("%s: warm-up, %d events", path, o.warmup());
    run.round(path + "-w", o.warmup(), 0);
  }

  private RoundResult saturated(PathRun run, String path, int r) throws InterruptedException {
    RoundResult result = run.round(path + "-t" + r, o.events(), 0);
    progress(
        "%s: round %d of %d, %d events: %.0f events/s",
        path, r, o.rounds(), o.events(), result.eventsPerSecond());
    return result;
  }

  private void progress(String format, Object... args) {
    double elapsed = (System.nanoTime() - started) / 1e9;
    err.printf(
        Locale.ROOT, "bench %5.1f s: %s%n", elapsed, String.format(Locale.ROOT, format, args));
    err.flush();
  }

  private static Connection connect(String url, String name) throws Exception {
    return Nats.connect(
        new Options.Builder()
            .server(url)
            .connectionName(name)
            .connectionTimeout(Duration.ofSeconds(5))
            // jnats' default listener prints every pull request's expiry (408) on stderr
            .errorListener(new ErrorListener() {})
            .build());
  }
}
