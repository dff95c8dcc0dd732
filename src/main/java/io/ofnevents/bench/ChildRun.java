package io.ofnevents.bench;

import io.ofnevents.cli.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `ofn-events run` in a child JVM from this JVM's class path, as an operator would start it, timed
 * from process start to `/health/ready`.
 */
final class ChildRun implements AutoCloseable {
  private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);

  /** The flags `bin/ofn-events` gives java (bin/jvm.options, packaged in the jar). */
  static final String JVM_OPTIONS = "META-INF/ofn-events/jvm.options";

  private final Process process;
  private final Path log;
  private final long started;
  private long ready;

  private ChildRun(Process process, Path log, long started) {
    this.process = process;
    this.log = log;
    this.started = started;
  }

  /** Starts `run resources` with `flags`; its output goes to `log`. */
  static ChildRun start(Path resources, List<String> flags, Path log) throws IOException {
    return start(resources, flags, List.of(), log);
  }

  /** As {@link #start(Path, List, Path)}, with more arguments of `run` (`--ingress-port`). */
  static ChildRun start(Path resources, List<String> flags, List<String> runArgs, Path log)
      throws IOException {
    int port = NatsLauncher.freePort();
    List<String> args =
        new ArrayList<>(
            List.of("run", resources.toString(), "--management-port", String.valueOf(port)));
    args.addAll(runArgs);
    List<String> cmd = ChildJvm.command(ChildJvm.current(), flags, args);
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ChildRun run = new ChildRun(p, log, start);
    run.port = port;
    return run;
  }

  private int port;

  /** Waits for `/health/ready`; seconds from process start. */
  double awaitReady() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() - started < READY_TIMEOUT_NANOS) {
      if (!process.isAlive()) throw new IllegalStateException("ofn-events run exited\n" + tail());
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          ready = System.nanoTime();
          return (ready - started) / 1e9;
        }
      } catch (IOException e) {
        // not listening yet
      }
      // a probe costs the runtime CPU (a check per route): poll as often as matters here
      Thread.sleep(50);
    }
    throw new IllegalStateException("ofn-events run not ready within 180 s\n" + tail());
  }

  long startedNanos() {
    return started;
  }

  double rssMb() {
    return ProcessStats.rssMb(process.pid());
  }

  /** SIGTERM and wait: the JVM runs its exit (and writes a class-data archive it was asked for). */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }

  /** A graceful stop of hundreds of routes takes long and is not measured: kill it. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) process.destroyForcibly().waitFor();
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Deletes a probe's temporary directory and the files in it (resources, log). */
  static void deleteDir(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) Files.deleteIfExists(f);
    }
    Files.deleteIfExists(dir);
  }

  /** The flags of bin/jvm.options (comments and blank lines left out). */
  static List<String> shippedFlags() throws IOException {
    List<String> flags = new ArrayList<>();
    try (InputStream in = ChildRun.class.getClassLoader().getResourceAsStream(JVM_OPTIONS)) {
      if (in == null) return flags;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.trim();
        if (!l.isEmpty() && !l.startsWith("#")) flags.add(l);
      }
    }
    return flags;
  }
}
