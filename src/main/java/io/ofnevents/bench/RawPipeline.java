package io.ofnevents.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simple baseline: what a plain hand-written consumer does with jnats and the JDK alone.
 * Batched pulls ({@link PullConsumers}, at most 64 messages held per subject, as the bus), then one
 * message at a time per subject: a blocking POST to every sink in turn with {@link HttpClient}, the
 * ack after the last 2xx.
 */
final class RawPipeline implements Drainable, AutoCloseable {
  private static final int HELD = 64;

  /** Name of the NATS connection to consume on; jnats names its threads after it. */
  static final String CONNECTION = "bench-raw-consumer";

  /** This path's threads: ours, java.net.http's and the connection's. */
  static final PathThreads THREADS = PathThreads.named(List.of("raw-", "HttpClient-", CONNECTION));

  private final List<URI> sinks;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final Map<String, ExecutorService> posters = new ConcurrentHashMap<>();
  private final PullConsumers consumers;

  RawPipeline(Connection nc, List<String> sinkUrls) {
    this.sinks = sinkUrls.stream().map(URI::create).toList();
    this.consumers = new PullConsumers(nc, "raw", "raw-fetch-", HELD, this::hand);
  }

  void start(List<String> subjects) throws IOException, JetStreamApiException {
    consumers.start(subjects);
  }

  private void hand(Message m, Runnable done) {
    posters
        .computeIfAbsent(
            m.getSubject(),
            s ->
                Executors.newSingleThreadExecutor(
                    r -> {
                      Thread t = new Thread(r, "raw-post-" + s);
                      t.setDaemon(true);
                      return t;
                    }))
        .execute(
            () -> {
              try {
                deliver(m);
              } finally {
                done.run();
              }
            });
  }

  private void deliver(Message m) {
    try {
      for (URI sink : sinks) {
        HttpRequest.Builder b = HttpRequest.newBuilder(sink).timeout(Duration.ofSeconds(10));
        m.getHeaders()
            .forEach(
                (name, values) -> {
                  if (!name.equals("Nats-Msg-Id")) b.header(name, values.get(0));
                });
        HttpResponse<Void> r =
            http.send(
                b.POST(HttpRequest.BodyPublishers.ofByteArray(m.getData())).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
          m.nakWithDelay(Duration.ofMillis(500));
          return;
        }
      }
      m.ack();
    } catch (IOException e) {
      m.nakWithDelay(Duration.ofMillis(500));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void pause() throws Exception {
    consumers.pause();
  }

  @Override
  public void resume() throws Exception {
    consumers.resume();
  }

  @Override
  public void close() throws InterruptedException {
    consumers.close();
    posters.values().forEach(ExecutorService::shutdownNow);
  }
}
