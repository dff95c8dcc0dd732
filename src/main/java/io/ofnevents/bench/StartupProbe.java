package io.ofnevents.bench;

import io.ofnevents.cli.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up of `ofn-events run` in a child JVM, as an operator would start it (the packaged jar, no
 * JVM flags), with `count` cron EventSources and as many Triggers on the benchmark's JetStream:
 * time to `/health/ready` and to the first event at the sink, and the process's resident memory.
 */
final class StartupProbe {
  private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(90);

  /** What the probe measured; times in seconds from the start of the process. */
  record Result(
      int count,
      double readySeconds,
      double firstEventSeconds,
      double rssReadyMb,
      double rssRunningMb) {}

  private StartupProbe() {}

  static Result run(String natsUrl, ArrivalSink sink, int count) throws Exception {
    Path dir = Files.createTempDirectory("ofn-bench-startup-");
    Path log = dir.resolve("run.log");
    try {
      Path resources = dir.resolve("resources.yaml");
      Files.writeString(resources, resources(natsUrl, sink.url("/startup"), count));
      int port = NatsLauncher.freePort();
      List<String> cmd =
          ChildJvm.command(
              ChildJvm.current(),
              List.of(),
              List.of("run", resources.toString(), "--management-port", String.valueOf(port)));
      Tally first = sink.expect(ArrivalSink.UNTAGGED, 1);
      long start = System.nanoTime();
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        long ready = awaitReady(p, port, start, log);
        double rssReady = ProcessStats.rssMb(p.pid());
        if (!first.await(30_000))
          throw new IllegalStateException("no event within 30 s\n" + tail(log));
        long firstEvent = first.lastArrivalNanos();
        Thread.sleep(3_000);
        double rssRunning = ProcessStats.rssMb(p.pid());
        return new Result(
            count, (ready - start) / 1e9, (firstEvent - start) / 1e9, rssReady, rssRunning);
      } finally {
        // A graceful stop of hundreds of routes takes long and is not measured: kill it.
        p.destroyForcibly().waitFor();
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    }
  }

  private static long awaitReady(Process p, int port, long start, Path log) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() - start < READY_TIMEOUT_NANOS) {
      if (!p.isAlive()) throw new IllegalStateException("ofn-events run exited\n" + tail(log));
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return System.nanoTime();
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("ofn-events run not ready within 90 s\n" + tail(log));
  }

  static String resources(String natsUrl, String sinkUrl, int count) {
    StringBuilder y = new StringBuilder();
    y.append(
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: startup, namespace: startup}
        spec:
          nats: {url: "%s"}
        """
            .formatted(natsUrl));
    for (int i = 0; i < count; i++) {
      y.append(
          """
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: es-%1$03d, namespace: startup}
          spec:
            eventBus: startup
            cron:
              tick: {schedule: "@every 1s"}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: t-%1$03d, namespace: startup}
          spec:
            eventBus: startup
            inputs:
              tick: {eventSource: es-%1$03d, event: tick}
            subscribers:
              - condition: tick
                sink: {uri: "%2$s"}
          """
              .formatted(i, sinkUrl));
    }
    return y.toString();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
