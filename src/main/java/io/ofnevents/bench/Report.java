package io.ofnevents.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The benchmark's Markdown report; the RESULT line is always printed last. */
final class Report {
  static final String STRONG =
      "raw, strong: jnats batched pull → Vert.x HTTP client, many in flight";
  static final String RAW = "raw, simple: jnats pull consumer → java.net.http POST, one at a time";
  static final String E2E = "e2e: bus → Trigger (`a && b`) → ofn-http sink";
  static final String KNATIVE =
      "e2e Knative: Broker subject → Knative Trigger (attribute filter) → ofn-http sink";

  private Report() {}

  /** Everything the paths' part measured. */
  record Paths(
      PathSummary strong,
      PathSummary simple,
      PathSummary e2e,
      double sinkCapacity,
      double pacedRate,
      int pacedEvents,
      KnativeDrain knative) {
    List<PathSummary> rows() {
      return knative == null
          ? List.of(strong, simple, e2e)
          : List.of(strong, simple, e2e, knative.path());
    }

    Paths withKnative(KnativeDrain k) {
      return new Paths(strong, simple, e2e, sinkCapacity, pacedRate, pacedEvents, k);
    }
  }

  /**
   * The Knative Trigger's drains and the strong baseline's drains taken alongside them (the same
   * rounds, one after the other), their events/s and path CPU µs/event.
   */
  record KnativeDrain(PathSummary path, Spread strongEventsPerSecond, Spread strongCpuPerEvent) {
    double ratio() {
      return path.drainEventsPerSecond().median() / strongEventsPerSecond.median();
    }
  }

  static void header(PrintWriter out, BenchOptions o, String loadBefore) {
    out.printf(
        Locale.ROOT,
        "## ofn-events bench%n%n"
            + "%d events per saturated round, %d per drain round, %d B payload, %d subscriber(s),"
            + " %d in flight per input (Trigger and strong baseline), %d round(s) of each kind after"
            + " %d warm-up events; %d CPUs, load average %s at the start; Java %s.%n%n",
        o.events(),
        o.drain(),
        o.payload(),
        o.subscribers(),
        o.concurrency(),
        o.rounds(),
        o.warmup(),
        Runtime.getRuntime().availableProcessors(),
        loadBefore,
        System.getProperty("java.version"));
  }

  static void paths(PrintWriter out, BenchOptions o, Paths p) {
    out.printf(
        Locale.ROOT,
        "The sink alone (Vert.x, %d event loops) takes %.0f events/s from a load generator with %d"
            + " requests in flight; a figure within %.0f %% of that (marked ⚠) is the sink's, not the"
            + " path's.%n%n",
        ArrivalSink.EVENT_LOOPS,
        p.sinkCapacity(),
        SinkCapacity.IN_FLIGHT,
        SinkCapacity.NEAR * 100);
    out.println(
        "| path | saturated events/s | drain events/s | p50 ms | p99 ms | max ms | path CPU"
            + " µs/event | path CPU µs/event, drain | JVM CPU µs/event | nats-server CPU s | RSS MB"
            + " | duplicates |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (PathSummary r : p.rows()) {
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f | %d |%n",
          r.label(),
          rate(r.eventsPerSecond(), p.sinkCapacity()),
          rate(r.drainEventsPerSecond(), p.sinkCapacity())
              + (r.drainEvents() != o.drain() ? " (" + r.drainEvents() + " events)" : ""),
          r.p50Ms().format(2),
          r.p99Ms().format(2),
          r.maxMs().format(1),
          r.pathCpuMicrosPerEvent().format(0),
          r.drainPathCpuMicrosPerEvent().format(0),
          r.cpuMicrosPerEvent().format(0),
          r.natsCpuSeconds().format(2),
          r.rssMb(),
          r.duplicates());
    }
    out.printf(
        Locale.ROOT,
        "%nFigures are medians over %d rounds with the min–max in brackets. Saturated: %d events"
            + " published as fast as JetStream acknowledges them, from the first publish to the last"
            + " arrival at the sink (every subscriber); the paths' rounds alternate after a warm-up of"
            + " each. Drain: %d events published while the path's consumers are stopped, timed from"
            + " their start to the last arrival (no publisher running: the consumer path's own pace)."
            + " Latency: publish → sink arrival over %d events paced at %.0f events/s. Path CPU: only"
            + " the threads of the path (consumer, workers, HTTP client, its NATS connection); JVM CPU"
            + " is the whole process (publisher, sink, all paths). RSS: this JVM after the path's"
            + " warm-up (each row includes the paths above it, which stay up).%n%n",
        o.rounds(),
        o.events(),
        o.drain(),
        p.pacedEvents(),
        p.pacedRate());
    if (p.knative() != null) knative(out, p);
    out.flush();
  }

  private static void knative(PrintWriter out, Paths p) {
    KnativeDrain k = p.knative();
    PathSummary of = p.e2e();
    out.printf(
        Locale.ROOT,
        "Knative drain: the same backlog on a Broker's subject, drained by one Knative Trigger per"
            + " subscriber (`type` attribute filter, `ofn-events.io/concurrency` as the Trigger's"
            + " `spec.concurrency`), run after the OpenFunction runtime stopped, each round next to a"
            + " strong baseline drain: %s events/s against %s (%.2f ×); path CPU %s against %s"
            + " µs/event. The OpenFunction Trigger drained %s events/s at %s µs/event (%.2f × the"
            + " Knative Trigger's rate).%n%n",
        k.path().drainEventsPerSecond().format(0),
        k.strongEventsPerSecond().format(0),
        k.ratio(),
        k.path().drainPathCpuMicrosPerEvent().format(0),
        k.strongCpuPerEvent().format(0),
        of.drainEventsPerSecond().format(0),
        of.drainPathCpuMicrosPerEvent().format(0),
        of.drainEventsPerSecond().median() / k.path().drainEventsPerSecond().median());
  }

  private static String rate(Spread s, double capacity) {
    String f = s.format(0);
    return s.n() > 0 && s.median() >= SinkCapacity.NEAR * capacity ? f + " ⚠" : f;
  }

  static void source(PrintWriter out, SourceHalf.Result s, String load) {
    if (s.skipped() != null) {
      out.printf("Source half: skipped: %s.%n%n", s.skipped());
      out.flush();
      return;
    }
    out.println(
        "| source half: a pre-filled Kafka topic → JetStream bus | events/s | JVM CPU µs/event |");
    out.println("|---|---:|---:|");
    out.printf(
        "| raw: KafkaConsumer → jnats async publish (512 in flight), commit after the acks | %s |"
            + " %s |%n",
        Spread.of(s.raw(), RoundResult::eventsPerSecond).format(0),
        Spread.of(s.raw(), r -> r.cpuSeconds() * 1e6 / r.events()).format(0));
    out.printf(
        "| e2e: Kafka EventSource (ofn-kafka-source → ofn-bus) | %s | %s |%n",
        Spread.of(s.product(), RoundResult::eventsPerSecond).format(0),
        Spread.of(s.product(), r -> r.cpuSeconds() * 1e6 / r.events()).format(0));
    out.printf(
        Locale.ROOT,
        "%nMedians over %d rounds (min–max); each round fills the topic with %d records while the"
            + " consumer is stopped and times from its start to the last event on the bus subject;"
            + " load average %s when it started.%n%n",
        s.raw().size(),
        s.raw().isEmpty() ? 0 : s.raw().get(0).events(),
        load);
    out.flush();
  }

  static void startup(
      PrintWriter out,
      List<QuickstartProbe.Variant> quickstart,
      List<StartupProbe.Result> sizes,
      List<StartupProbe.Result> knSizes,
      List<String> flags,
      CompileTiming.Result c,
      String load) {
    out.printf(
        Locale.ROOT,
        "Start-up (load average %s when it started): `ofn-events run` in a child JVM, process start"
            + " → `/health/ready`.%n%n",
        load);
    out.println("| quickstart (examples/quickstart, in-memory bus) | ready s | RSS MB |");
    out.println("|---|---:|---:|");
    for (QuickstartProbe.Variant v : quickstart) {
      out.printf("| %s | %s | %s |%n", v.label(), v.readySeconds().format(2), v.rssMb().format(0));
    }
    String shown = String.join(" ", flags.stream().filter(f -> !f.startsWith("-Xlog")).toList());
    out.println();
    sizes(out, "EventSources + Triggers on JetStream (flags: " + shown + ")", "pair", sizes);
    out.printf(
        Locale.ROOT,
        "%nOne start per row. Per pair: (figure − the 1 + 1 figure) / (pairs − 1); RSS after 3 s"
            + " of the cron events (one per EventSource per second). The AppCDS archive is the one"
            + " the quickstart's first run made.%n%n");
    if (!knSizes.isEmpty()) {
      sizes(out, "one Broker + Knative Triggers on JetStream (same flags)", "Trigger", knSizes);
      out.printf(
          Locale.ROOT,
          "%nOne start per row; each Trigger has its own `type` filter and durable consumer of the"
              + " Broker's subject, no PingSources. First event: POSTed to the ingress when ready,"
              + " for the last Trigger. Per Trigger: (figure − the 1-Trigger figure) / (Triggers −"
              + " 1); RSS after 3 s of %d events/s through the ingress (every Trigger's filter"
              + " sees each).%n%n",
          KnStartupProbe.RATE);
    }
    out.printf(
        Locale.ROOT,
        "Load + validate + compile %,d resources in-process (warm, median of 5) → %d route files: %.0f"
            + " + %.0f + %.0f = %.0f ms.%n%n",
        c.resources(),
        c.routeFiles(),
        c.loadMs(),
        c.validateMs(),
        c.compileMs(),
        c.totalMs());
    out.flush();
  }

  private static void sizes(
      PrintWriter out, String title, String unit, List<StartupProbe.Result> sizes) {
    out.printf(
        Locale.ROOT,
        "| %s | ready s | first event s | RSS ready / running MB | ms per %s | MB per %s |%n",
        title,
        unit,
        unit);
    out.println("|---|---:|---:|---:|---:|---:|");
    StartupProbe.Result base = sizes.get(0);
    boolean pairs = unit.equals("pair");
    for (StartupProbe.Result s : sizes) {
      out.printf(
          Locale.ROOT,
          "| %s | %.2f | %.2f | %.0f / %.0f | %s | %s |%n",
          pairs ? s.count() + " + " + s.count() : String.valueOf(s.count()),
          s.readySeconds(),
          s.firstEventSeconds(),
          s.rssReadyMb(),
          s.rssRunningMb(),
          s == base ? "(base)" : String.format(Locale.ROOT, "%.1f", s.msPerPair(base)),
          s == base ? "(base)" : String.format(Locale.ROOT, "%.2f", s.mbPerPair(base)));
    }
  }

  /** The targets against what was measured; "not measured" where the run did not. */
  static void targets(
      PrintWriter out,
      Paths p,
      List<QuickstartProbe.Variant> quickstart,
      List<StartupProbe.Result> sizes) {
    out.println("| target (2 cores, 1 KiB events, one HTTP sink) | measured | |");
    out.println("|---|---:|---|");
    double drain = p.e2e().drainEventsPerSecond().median();
    double strongDrain = p.strong().drainEventsPerSecond().median();
    row(out, "backlog drain e2e ≥ 10,000 events/s", fmt("%.0f events/s", drain), drain >= 10_000);
    row(
        out,
        "backlog drain e2e ≥ 0.8 × strong raw drain",
        fmt("%.2f ×", drain / strongDrain),
        drain >= 0.8 * strongDrain);
    double cpu = p.e2e().drainPathCpuMicrosPerEvent().median();
    double strongCpu = p.strong().drainPathCpuMicrosPerEvent().median();
    row(
        out,
        "path CPU per event (drain) ≤ 1.0 × strong raw",
        fmt("%.0f / %.0f µs = %.2f ×", cpu, strongCpu, cpu / strongCpu),
        cpu <= strongCpu);
    double added = p.e2e().p99Ms().median() - p.strong().p99Ms().median();
    row(
        out,
        fmt("added p99 at %.0f events/s paced ≤ 2 ms over strong raw", p.pacedRate()),
        fmt("%+.2f ms", added),
        added <= 2);
    StartupProbe.Result base = sizes.get(0);
    StartupProbe.Result thousand =
        sizes.stream().filter(s -> s.count() == 1000).findFirst().orElse(null);
    if (thousand == null) {
      out.println(
          "| 1,000 + 1,000: ready ≤ 15 s, RSS ≤ 600 MB | not measured (`--startup 1000`) | |");
    } else {
      row(
          out,
          "1,000 + 1,000: `/health/ready` ≤ 15 s",
          fmt("%.2f s", thousand.readySeconds()),
          thousand.readySeconds() <= 15);
      row(
          out,
          "1,000 + 1,000: RSS ≤ 600 MB",
          fmt("%.0f MB", thousand.rssRunningMb()),
          thousand.rssRunningMb() <= 600);
    }
    for (StartupProbe.Result s : sizes) {
      if (s == base) continue;
      row(
          out,
          fmt("%d + %d: ≤ 5 ms and ≤ 0.3 MB per pair", s.count(), s.count()),
          fmt("%.1f ms, %.2f MB", s.msPerPair(base), s.mbPerPair(base)),
          s.msPerPair(base) <= 5 && s.mbPerPair(base) <= 0.3);
    }
    QuickstartProbe.Variant q = quickstart.get(quickstart.size() - 1);
    row(
        out,
        "quickstart: ready ≤ 1.5 s, RSS ≤ 160 MB (" + q.label() + ")",
        fmt("%.2f s, %.0f MB", q.readySeconds().median(), q.rssMb().median()),
        q.readySeconds().median() <= 1.5 && q.rssMb().median() <= 160);
    out.println();
    out.flush();
  }

  private static void row(PrintWriter out, String target, String measured, boolean met) {
    out.printf("| %s | %s | %s |%n", target, measured, met ? "met" : "**not met**");
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** The Knative fields of the RESULT line, after the others; empty without `--knative`. */
  static String knativeFields(Paths p) {
    KnativeDrain k = p.knative();
    if (k == null) return "";
    return String.format(
        Locale.ROOT,
        " kn_drain_eps=%.0f kn_drain_raw_eps=%.0f kn_drain_ratio=%.2f",
        k.path().drainEventsPerSecond().median(),
        k.strongEventsPerSecond().median(),
        k.ratio());
  }

  static void result(PrintWriter out, Paths p, SourceHalf.Result s, String loadAfter) {
    out.printf("Load average at the end: %s.%n%n", loadAfter);
    double e2e = p.e2e().eventsPerSecond().median();
    double raw = p.strong().eventsPerSecond().median();
    double drain = p.e2e().drainEventsPerSecond().median();
    double drainRaw = p.strong().drainEventsPerSecond().median();
    out.println(
        String.format(
                Locale.ROOT,
                "RESULT e2e_eps=%.0f raw_eps=%.0f ratio=%.2f p50_ms=%.2f p99_ms=%.2f drain_eps=%.0f"
                    + " drain_raw_eps=%.0f drain_ratio=%.2f source_eps=%.0f source_raw_eps=%.0f",
                e2e,
                raw,
                e2e / raw,
                p.e2e().p50Ms().median(),
                p.e2e().p99Ms().median(),
                drain,
                drainRaw,
                drain / drainRaw,
                Spread.of(s.product(), RoundResult::eventsPerSecond).median(),
                Spread.of(s.raw(), RoundResult::eventsPerSecond).median())
            + knativeFields(p));
    out.flush();
  }
}
