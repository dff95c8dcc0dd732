package io.ofnevents.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The strong baseline: the best a hand-written jnats consumer does here. Batched pulls of as many
 * messages as there is room for ({@link PullConsumers}), `inFlight` POSTs per subject in flight at
 * once on a non-blocking client ({@link BenchHttp}, keep-alive connections), each message
 * acknowledged after every sink answered 2xx. No condition, no CloudEvent handling: the cost floor
 * of moving an event from JetStream to an HTTP sink at least once.
 */
final class StrongRawPipeline implements Drainable, AutoCloseable {
  /** Name of the NATS connection to consume on; jnats names its threads after it. */
  static final String CONNECTION = "bench-strong-consumer";

  private final List<URI> sinks;
  private final BenchHttp http;
  private final PullConsumers consumers;
  private final PathThreads threads;

  StrongRawPipeline(Connection nc, List<String> sinkUrls, int inFlight) throws Exception {
    this.sinks = sinkUrls.stream().map(URI::create).toList();
    this.http = new BenchHttp(Math.max(1, inFlight) * 2 * sinks.size());
    this.consumers = new PullConsumers(nc, "strong", "strong-fetch-", inFlight, this::deliver);
    this.threads = PathThreads.named(List.of("strong-", CONNECTION));
    threads.ids().add(http.eventLoopThread());
  }

  PathThreads threads() {
    return threads;
  }

  void start(List<String> subjects) throws IOException, JetStreamApiException {
    consumers.start(subjects);
  }

  private void deliver(Message m, Runnable done) {
    List<Future<?>> posts = new ArrayList<>(sinks.size());
    for (URI sink : sinks) posts.add(http.post(sink, m.getHeaders(), m.getData()));
    Future.all(posts)
        .onComplete(
            all -> {
              boolean ok = all.succeeded();
              if (ok) {
                CompositeFuture c = all.result();
                for (int i = 0; i < c.size(); i++) ok &= (Integer) c.resultAt(i) / 100 == 2;
              }
              if (ok) m.ack();
              else m.nakWithDelay(Duration.ofMillis(500));
              done.run();
            });
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
  public void close() throws Exception {
    consumers.close();
    http.close();
  }
}
