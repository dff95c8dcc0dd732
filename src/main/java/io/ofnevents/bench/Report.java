package io.ofnevents.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The benchmark's Markdown report; the RESULT line is always printed last. */
final class Report {
  static final String RAW = "raw: jnats pull consumer → java.net.http POST";
  static final String E2E = "e2e: bus → Trigger (`a && b`) → ofn-http sink";

  private Report() {}

  static void paths(
      PrintWriter out,
      BenchOptions o,
      List<PathSummary> rows,
      double pacedRate,
      int pacedEvents,
      String loadBefore) {
    out.printf(
        "## ofn-events bench%n%n"
            + "%d events/round, %d B payload, %d subscriber(s), concurrency %d per input,"
            + " %d round(s) after %d warm-up events; %d CPUs, load average %s at the start;"
            + " Java %s.%n%n",
        o.events(),
        o.payload(),
        o.subscribers(),
        o.concurrency(),
        o.rounds(),
        o.warmup(),
        Runtime.getRuntime().availableProcessors(),
        loadBefore,
        System.getProperty("java.version"));
    out.println(
        "| path | events/s | p50 ms | p99 ms | max ms | JVM CPU s | nats-server CPU s"
            + " | JVM CPU µs/event | path CPU µs/event | RSS MB | duplicates |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (PathSummary r : rows) {
      out.println(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.0f | %d |",
              r.label(),
              r.eventsPerSecond(),
              r.p50Ms(),
              r.p99Ms(),
              r.maxMs(),
              r.cpuSeconds(),
              r.natsCpuSeconds(),
              r.cpuMicrosPerEvent(),
              r.pathCpuMicrosPerEvent(),
              r.rssMb(),
              r.duplicates()));
    }
    out.printf(
        Locale.ROOT,
        "%nevents/s: median over %d rounds of %d events per path published as fast as JetStream"
            + " acknowledges them, from the first publish to the last arrival at the sink (every"
            + " subscriber); the two paths' rounds alternate after a warm-up of each. CPU: the same"
            + " rounds; JVM CPU is the whole process (publisher, sink, both paths), path CPU only"
            + " the threads of the path (consumer, workers, HTTP client, its NATS connection)."
            + " Latency: publish → sink arrival, medians over %d round(s) of %d events paced at %.0f"
            + " events/s (half the slower path's rate, so it is the path's own latency, not"
            + " queueing). RSS: VmRSS of this JVM after the path's warm-up (the e2e figure includes"
            + " the raw path, which stays up).%n%n",
        o.rounds(),
        o.events(),
        o.rounds(),
        pacedEvents,
        pacedRate);
    out.flush();
  }

  static void startup(PrintWriter out, StartupProbe.Result s, CompileTiming.Result c) {
    out.println("| start-up and compile | measured |");
    out.println("|---|---:|");
    out.printf(
        Locale.ROOT,
        "| `ofn-events run` with %1$d EventSources + %1$d Triggers on JetStream (child JVM, no"
            + " flags): process start → `/health/ready` | %2$.2f s |%n",
        s.count(),
        s.readySeconds());
    out.printf(
        Locale.ROOT,
        "| … → first event at the sink (cron `@every 1s`: the first fire is 1 s after start) |"
            + " %.2f s |%n",
        s.firstEventSeconds());
    out.printf(
        Locale.ROOT,
        "| RSS of that process when ready / after 3 s at %d events/s | %.0f / %.0f MB |%n",
        s.count(),
        s.rssReadyMb(),
        s.rssRunningMb());
    out.printf(
        Locale.ROOT,
        "| load + validate + compile %,d resources in-process (warm, median of 5) → %d route"
            + " files | %.0f + %.0f + %.0f = %.0f ms |%n%n",
        c.resources(),
        c.routeFiles(),
        c.loadMs(),
        c.validateMs(),
        c.compileMs(),
        c.totalMs());
    out.flush();
  }

  static void result(PrintWriter out, PathSummary e2e, PathSummary raw) {
    out.println(
        String.format(
            Locale.ROOT,
            "RESULT e2e_eps=%.0f raw_eps=%.0f ratio=%.2f p50_ms=%.2f p99_ms=%.2f",
            e2e.eventsPerSecond(),
            raw.eventsPerSecond(),
            e2e.eventsPerSecond() / raw.eventsPerSecond(),
            e2e.p50Ms(),
            e2e.p99Ms()));
    out.flush();
  }
}
