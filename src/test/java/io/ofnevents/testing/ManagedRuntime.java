package io.ofnevents.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * `ofn-events run DIR` as a child JVM from the packaged jar with its management port: health,
 * `/metrics` and the whole log, for tests that look at the runtime from outside, as an operator
 * would.
 */
public final class ManagedRuntime implements AutoCloseable {
  private final ChildRuntime child;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private ManagedRuntime(ChildRuntime child, int port) {
    this.child = child;
    this.port = port;
  }

  /** Starts `run dir --management-port P` plus `args`; `env` as KEY=VALUE pairs. */
  public static ManagedRuntime start(Path dir, List<String> args, String... env)
      throws IOException {
    int port = FreePorts.pick();
    List<String> all = new ArrayList<>(List.of("run", dir.toString()));
    all.addAll(List.of("--management-port", String.valueOf(port)));
    all.addAll(args);
    return new ManagedRuntime(ChildRuntime.start(all, env), port);
  }

  /** Waits until /health/ready answers 200, failing at once if the process exits. */
  public ManagedRuntime awaitReady(Duration timeout) {
    await()
        .atMost(timeout)
        .failFast("runtime exited:\n" + child.log(), () -> !child.process().isAlive())
        .ignoreExceptions()
        .until(() -> status("/health/ready") == 200);
    return this;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The management port (console, API, health, metrics). */
  public int port() {
    return port;
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
    return child.log();
  }

  public Process process() {
    return child.process();
  }

  @Override
  public void close() throws InterruptedException {
    child.close();
  }
}
