package io.ofnevents.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up of `ofn-events run` in a child JVM with `count` cron EventSources and as many Triggers
 * on the benchmark's JetStream, at several counts (one pair first, the base the cost per resource
 * is taken from): time to `/health/ready` and to the first event at the sink, resident memory when
 * ready and after 3 s of events.
 */
final class StartupProbe {
  /** What the probe measured; times in seconds from the start of the process. */
  record Result(
      int count,
      double readySeconds,
      double firstEventSeconds,
      double rssReadyMb,
      double rssRunningMb) {

    /** Milliseconds of start-up per pair over the one-pair start `base`. */
    double msPerPair(Result base) {
      return count == base.count
          ? 0
          : (readySeconds - base.readySeconds) * 1000 / (count - base.count);
    }

    /** MB per pair over `base`, when running. */
    double mbPerPair(Result base) {
      return count == base.count ? 0 : (rssRunningMb - base.rssRunningMb) / (count - base.count);
    }
  }

  private StartupProbe() {}

  /** The counts measured for `--startup n`: 1, then 100, 500 and 1,000 up to `n`, then `n`. */
  static List<Integer> counts(int n) {
    List<Integer> counts = new ArrayList<>(List.of(1));
    for (int c : List.of(100, 500, 1000)) if (c < n && c > 1) counts.add(c);
    if (n > 1) counts.add(n);
    return counts;
  }

  static List<Result> run(
      String natsUrl, ArrivalSink sink, List<Integer> counts, List<String> flags) throws Exception {
    List<Result> results = new ArrayList<>();
    for (int count : counts) results.add(one(natsUrl, sink, count, flags));
    return results;
  }

  private static Result one(String natsUrl, ArrivalSink sink, int count, List<String> flags)
      throws Exception {
    Path dir = Files.createTempDirectory("ofn-bench-startup-");
    try {
      Path resources = dir.resolve("resources.yaml");
      // names unique per count: each start creates its own streams and durables
      Files.writeString(resources, resources(natsUrl, sink.url("/startup"), count));
      Tally first = sink.expect(ArrivalSink.UNTAGGED, 1);
      try (ChildRun run = ChildRun.start(resources, flags, dir.resolve("run.log"))) {
        double ready = run.awaitReady();
        double rssReady = run.rssMb();
        if (!first.await(30_000))
          throw new IllegalStateException("no event within 30 s\n" + run.tail());
        double firstEvent = (first.lastArrivalNanos() - run.startedNanos()) / 1e9;
        Thread.sleep(3_000);
        return new Result(count, ready, firstEvent, rssReady, run.rssMb());
      }
    } finally {
      ChildRun.deleteDir(dir);
    }
  }

  static String resources(String natsUrl, String sinkUrl, int count) {
    String ns = "startup-" + count;
    StringBuilder y = new StringBuilder();
    y.append(
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: startup, namespace: %s}
        spec:
          nats: {url: "%s"}
        """
            .formatted(ns, natsUrl));
    for (int i = 0; i < count; i++) {
      y.append(
          """
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: es-%1$04d, namespace: %3$s}
          spec:
            eventBus: startup
            cron:
              tick: {schedule: "@every 1s"}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: t-%1$04d, namespace: %3$s}
          spec:
            eventBus: startup
            inputs:
              tick: {eventSource: es-%1$04d, event: tick}
            subscribers:
              - condition: tick
                sink: {uri: "%2$s"}
          """
              .formatted(i, sinkUrl, ns));
    }
    return y.toString();
  }
}
