package io.ofnevents.testing;

import static org.awaitility.Awaitility.await;

import io.ofnevents.cli.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `ofn-events run RESOURCES` as a child JVM from the packaged jar and its `lib/`, the way a user
 * runs it: the one launcher of the runtime for tests that kill it (SIGKILL, SIGTERM) or look at it
 * from outside as an operator would (health, `/metrics`, the whole log). Needs `mvn package` first
 * (the `*IT` phase runs after it). Its output goes to `target/child-runtimes/runtime-*.log`.
 */
public final class ManagedRuntime implements AutoCloseable {
  // small and quick to start: several of these share two cores with the brokers in a test
  private static final List<String> JVM_FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");
  private static final Path LOGS = Path.of("target", "child-runtimes");

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private ManagedRuntime(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts `run resources --management-port P` plus `args` (`resources` is a file or a directory);
   * `env` as KEY=VALUE pairs added to this JVM's environment.
   */
  public static ManagedRuntime start(Path resources, List<String> args, String... env)
      throws IOException {
    Path jar = Path.of(System.getProperty("ofn.jar", "target/ofn-events.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " not found: run the ITs with `mvn verify`");
    }
    int port = FreePorts.pick();
    List<String> cli = new ArrayList<>(List.of("run", resources.toString()));
    cli.addAll(List.of("--management-port", String.valueOf(port)));
    cli.addAll(args);
    Files.createDirectories(LOGS);
    Path log = Files.createTempFile(LOGS, "runtime-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(ChildJvm.command(ChildJvm.packaged(jar), JVM_FLAGS, cli))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    for (String kv : env) {
      int eq = kv.indexOf('=');
      pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    Process process = pb.start();
    System.out.printf(
        "[harness] runtime pid %d on management port %d, log %s%n", process.pid(), port, log);
    return new ManagedRuntime(process, log, port);
  }

  /** Waits until /health/ready answers 200, failing at once if the process exits. */
  public ManagedRuntime awaitReady(Duration timeout) {
    await()
        .atMost(timeout)
        .failFast(
            "runtime exited",
            () -> {
              // the log is read when it exits, not when the wait starts
              if (!process.isAlive()) throw new AssertionError("runtime exited:\n" + logTail(50));
            })
        .ignoreExceptions()
        .until(() -> status("/health/ready") == 200);
    return this;
  }

  /** The management port (health and metrics). */
  public int port() {
    return port;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public int status(String path) throws IOException, InterruptedException {
    return get(path).statusCode();
  }

  /** A scrape of /metrics. */
  public PrometheusText metrics() {
    try {
      return PrometheusText.parse(get("/metrics").body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot scrape /metrics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Everything the runtime wrote so far (stdout and stderr). */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  /** The last lines of the runtime's output, for failure messages. */
  public String logTail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  public Process process() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no drain, nothing acknowledged that was not already. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then the exit code (or -1 if it did not stop within the timeout). */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** Kills the runtime if it still runs: a test that wants a graceful stop calls terminate. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
