package io.ofnevents.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP sink every path delivers to: a Vert.x server on one event loop (far faster than the
 * JDK's HttpServer the benchmark used to have, whose dispatcher set the pace), answering 202 at
 * once and recording each event of the current round with its latency, read from the publish time
 * the event carries in {@link #SENT}. Its own maximum rate is measured first ({@link
 * SinkCapacity}).
 */
final class ArrivalSink implements AutoCloseable {
  /** CloudEvent extension carrying the publisher's {@code System.nanoTime()}. */
  static final String SENT = "ce-benchsent";

  /** CloudEvent extension naming the round, so that stragglers of another round are ignored. */
  static final String ROUND = "ce-benchround";

  /** The round of events that carry no round, e.g. from a real EventSource. */
  static final String UNTAGGED = "";

  /** As many as the machine has cores for: the sink must not set the pace. */
  static final int EVENT_LOOPS = 2;

  private final Vertx vertx;
  private final int port;
  private volatile Tally tally;

  ArrivalSink() throws Exception {
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(EVENT_LOOPS)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    port = NatsLauncher.freePort();
    // one server per event loop on the same port: Vert.x spreads the connections over them
    for (int i = 0; i < EVENT_LOOPS; i++) {
      CompletableFuture<Void> listening = new CompletableFuture<>();
      vertx
          .getOrCreateContext()
          .runOnContext(
              v ->
                  vertx
                      .createHttpServer(
                          new HttpServerOptions()
                              .setHost("127.0.0.1")
                              .setPort(port)
                              .setTcpNoDelay(true))
                      .requestHandler(this::handle)
                      .listen()
                      .onComplete(
                          r -> {
                            if (r.succeeded()) listening.complete(null);
                            else listening.completeExceptionally(r.cause());
                          }));
      listening.get(10, TimeUnit.SECONDS);
    }
  }

  /** URL of subscriber `i`: each subscriber has its own path. */
  String url(int i) {
    return url("/s" + i);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Starts counting a new round. */
  Tally expect(String round, int events) {
    Tally t = new Tally(round, events);
    tally = t;
    return t;
  }

  private void handle(HttpServerRequest req) {
    long now = System.nanoTime();
    req.body()
        .onComplete(
            body -> {
              String sent = req.getHeader(SENT);
              String round = req.getHeader(ROUND);
              Tally t = tally;
              if (t != null && t.round().equals(round == null ? UNTAGGED : round)) {
                long at = sent == null ? now : Long.parseLong(sent);
                t.arrived(req.path(), req.getHeader("ce-id"), at, now);
              }
              req.response().setStatusCode(202).end();
            });
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
