package io.ofnevents.bench;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * `ofn-events bench`: the sink's own rate, two hand-written baselines and the product's end-to-end
 * path over the same JetStream server and HTTP sink (saturated, paced, draining a backlog), the
 * source half on Kafka, then start-up and compile figures; prints the report.
 */
public final class Bench {
  static final List<String> RAW_SUBJECTS = List.of("bench-raw-a", "bench-raw-b");
  static final List<String> STRONG_SUBJECTS = List.of("bench-strong-a", "bench-strong-b");
  static final double PACED_RATE = 1000;

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

  private void run() throws Exception {
    String loadBefore = ProcessStats.loadAverage();
    // The runtime's start-up lines would drown the progress; warnings and errors still show.
    Configurator.setLevel("io.ofnevents", Level.WARN);
    Configurator.setLevel("org.apache.camel", Level.WARN);
    Configurator.setLevel("org.apache.camel.impl.engine.AbstractCamelContext", Level.WARN);
    Configurator.setLevel("org.apache.kafka", Level.WARN);
    progress("load average %s", loadBefore);
    try (NatsLauncher nats = NatsLauncher.start();
        ArrivalSink sink = new ArrivalSink()) {
      Report.Paths paths = measurePaths(nats, sink);
      String sourceLoad = ProcessStats.loadAverage();
      SourceHalf.Result source = source(nats);
      String startupLoad = ProcessStats.loadAverage();
      Path cds = Files.createTempDirectory("ofn-bench-cds-");
      List<QuickstartProbe.Variant> quickstart;
      List<StartupProbe.Result> sizes;
      List<StartupProbe.Result> knSizes = List.of();
      List<String> flags;
      try {
        Path archive = cds.resolve("run.jsa");
        progress("quickstart start-up, three ways");
        List<String> shipped = ChildRun.shippedFlags();
        quickstart = QuickstartProbe.run(3, shipped, archive);
        flags = Files.isRegularFile(archive) ? QuickstartProbe.cdsFlags(shipped, archive) : shipped;
        List<Integer> counts = StartupProbe.counts(o.startup());
        progress("start-up of `ofn-events run` with %s EventSources + as many Triggers", counts);
        sizes = StartupProbe.run(nats.url(), sink, counts, flags);
        if (o.knative()) {
          progress("start-up of `ofn-events run` with one Broker and %s Knative Triggers", counts);
          knSizes = KnStartupProbe.run(nats.url(), sink, counts, flags);
        }
      } finally {
        Files.deleteIfExists(cds.resolve("run.jsa"));
        Files.deleteIfExists(cds);
      }
      progress("load, validate and compile %,d resources", o.compile());
      CompileTiming.Result compile = CompileTiming.run(o.compile());
      Report.header(out, o, loadBefore);
      Report.paths(out, o, paths);
      Report.source(out, source, sourceLoad);
      Report.startup(out, quickstart, sizes, knSizes, flags, compile, startupLoad);
      Report.targets(out, paths, quickstart, sizes);
      Report.result(out, paths, source, ProcessStats.loadAverage());
    }
  }

  private SourceHalf.Result source(NatsLauncher nats) throws Exception {
    if (o.sourceEvents() == 0) {
      return new SourceHalf.Result(List.of(), List.of(), "--source-events 0");
    }
    try (Connection nc = connect(nats.url(), "bench-source")) {
      return SourceHalf.run(
          nats.url(), nc, o.sourceEvents(), o.rounds(), o.payload(), m -> progress("%s", m));
    }
  }

  /**
   * The three paths run side by side on the same nats-server, publisher and sink: each is warmed
   * up, then their rounds alternate (strong, simple, e2e, ...) so that JIT warm-up, machine load
   * and the streams' growth touch all alike: saturated rounds, paced rounds for latency, drains.
   */
  private Report.Paths measurePaths(NatsLauncher nats, ArrivalSink sink) throws Exception {
    List<String> sinks = IntStream.range(0, o.subscribers()).mapToObj(sink::url).toList();
    try (Connection publishing = connect(nats.url(), "bench-publisher");
        Connection simpleNc = connect(nats.url(), RawPipeline.CONNECTION);
        Connection strongNc = connect(nats.url(), StrongRawPipeline.CONNECTION);
        StrongRawPipeline strong = new StrongRawPipeline(strongNc, sinks, o.concurrency());
        RawPipeline simple = new RawPipeline(simpleNc, sinks)) {
      Publisher publisher = new Publisher(publishing.jetStream(), o.payload());
      Report.Paths paths;
      strong.start(STRONG_SUBJECTS);
      simple.start(RAW_SUBJECTS);
      PathRun strongRun =
          new PathRun(
              publisher, sink, STRONG_SUBJECTS, o.subscribers(), nats.pid(), strong.threads());
      PathRun simpleRun =
          new PathRun(
              publisher, sink, RAW_SUBJECTS, o.subscribers(), nats.pid(), RawPipeline.THREADS);
      warm(strongRun, "strong");
      double strongRss = ProcessStats.rssMb();
      warm(simpleRun, "simple");
      double simpleRss = ProcessStats.rssMb();
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
        // after the warm-ups, so that the sink's code is as warm as when it serves the paths
        progress("the sink's own rate");
        double capacity = SinkCapacity.measure(sink, Publisher.payload(o.payload()), 3);
        progress("sink: %.0f events/s", capacity);
        List<List<RoundResult>> saturated = lists();
        List<PathRun> runs = List.of(strongRun, simpleRun, e2eRun);
        List<String> names = List.of("strong", "simple", "e2e");
        for (int r = 1; r <= o.rounds(); r++) {
          for (int i = 0; i < 3; i++) saturated.get(i).add(saturated(runs.get(i), names.get(i), r));
        }
        double slowest =
            saturated.stream()
                .mapToDouble(l -> Spread.of(l, RoundResult::eventsPerSecond).median())
                .min()
                .orElse(PACED_RATE);
        // 1,000 events/s, or half the slowest path's rate if that is lower: its own latency, not
        // a queue
        double rate = Math.min(PACED_RATE, 0.5 * slowest);
        int count = (int) Math.max(200, rate * 2);
        List<List<RoundResult>> paced = lists();
        for (int r = 1; r <= o.rounds(); r++) {
          progress(
              "latency round %d of %d: %d events at %.0f/s per path", r, o.rounds(), count, rate);
          for (int i = 0; i < 3; i++) {
            paced.get(i).add(runs.get(i).round(names.get(i) + "-l" + r, count, rate));
          }
        }
        int simpleDrain = Math.max(1, o.drain() / 5);
        List<Drainable> drainables = List.of(strong, simple, product);
        List<List<RoundResult>> drains = lists();
        for (int r = 1; r <= o.rounds(); r++) {
          for (int i = 0; i < 3; i++) {
            int n = i == 1 ? simpleDrain : o.drain();
            RoundResult d = runs.get(i).drain(names.get(i) + "-d" + r, n, drainables.get(i));
            drains.get(i).add(d);
            progress(
                "%s: drain %d of %d, %d events: %.0f events/s",
                names.get(i), r, o.rounds(), n, d.eventsPerSecond());
          }
        }
        paths =
            new Report.Paths(
                PathSummary.of(
                    Report.STRONG,
                    saturated.get(0),
                    paced.get(0),
                    drains.get(0),
                    strongRss,
                    o.drain()),
                PathSummary.of(
                    Report.RAW,
                    saturated.get(1),
                    paced.get(1),
                    drains.get(1),
                    simpleRss,
                    simpleDrain),
                PathSummary.of(
                    Report.E2E, saturated.get(2), paced.get(2), drains.get(2), e2eRss, o.drain()),
                capacity,
                rate,
                count,
                null);
      }
      return o.knative()
          ? paths.withKnative(knativeDrains(nats, sink, sinks, publisher, strong))
          : paths;
    }
  }

  /**
   * The Knative Trigger's drains, after the OpenFunction runtime stopped (the two runtimes' threads
   * share names), each round next to a strong baseline drain of the same size, so that the ratio
   * compares rounds taken at the same time.
   */
  private Report.KnativeDrain knativeDrains(
      NatsLauncher nats,
      ArrivalSink sink,
      List<String> sinks,
      Publisher publisher,
      StrongRawPipeline strong)
      throws Exception {
    progress("starting the product runtime with a Knative Broker and Trigger");
    try (KnativePipeline kn = KnativePipeline.start(nats.url(), sinks, o.concurrency())) {
      PathRun knRun =
          new PathRun(
              publisher,
              sink,
              KnativePipeline.subjects(),
              o.subscribers(),
              nats.pid(),
              KnativePipeline.THREADS);
      PathRun strongRun =
          new PathRun(
              publisher, sink, STRONG_SUBJECTS, o.subscribers(), nats.pid(), strong.threads());
      warm(knRun, "knative");
      double rss = ProcessStats.rssMb();
      List<RoundResult> knDrains = new ArrayList<>();
      List<RoundResult> strongDrains = new ArrayList<>();
      for (int r = 1; r <= o.rounds(); r++) {
        strongDrains.add(strongRun.drain("strong-kd" + r, o.drain(), strong));
        RoundResult d = knRun.drain("knative-d" + r, o.drain(), kn);
        knDrains.add(d);
        progress(
            "knative: drain %d of %d, %d events: %.0f events/s (strong alongside: %.0f)",
            r,
            o.rounds(),
            o.drain(),
            d.eventsPerSecond(),
            strongDrains.get(strongDrains.size() - 1).eventsPerSecond());
      }
      return new Report.KnativeDrain(
          PathSummary.of(Report.KNATIVE, List.of(), List.of(), knDrains, rss, o.drain()),
          Spread.of(strongDrains, RoundResult::eventsPerSecond),
          Spread.of(strongDrains, x -> x.pathCpuSeconds() * 1e6 / x.events()));
    }
  }

  private static List<List<RoundResult>> lists() {
    return List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
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
        Locale.ROOT,
        "bench %5.1f s (load %s): %s%n",
        elapsed,
        ProcessStats.loadAverage().split(" ")[0],
        String.format(Locale.ROOT, format, args));
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
