package io.ofnevents.bench;

import io.nats.client.impl.Headers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A non-blocking HTTP/1.1 client (Vert.x, one event loop, keep-alive connections) for the strong
 * baseline and the sink's load generator: what a hand-written consumer that wants throughput uses.
 * The id of its event loop thread is kept, for the path's CPU.
 */
final class BenchHttp implements AutoCloseable {
  private final Vertx vertx;
  private final HttpClient client;
  private final long eventLoopThread;
  private final Context context;

  BenchHttp(int connections) throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    context = vertx.getOrCreateContext();
    CompletableFuture<Long> id = new CompletableFuture<>();
    context.runOnContext(v -> id.complete(Thread.currentThread().getId()));
    eventLoopThread = id.get(10, TimeUnit.SECONDS);
  }

  long eventLoopThread() {
    return eventLoopThread;
  }

  /** POSTs `body` with `headers` (except Nats-Msg-Id); the future has the status code. */
  Future<Integer> post(URI uri, Headers headers, byte[] body) {
    RequestOptions o =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(uri.getHost())
            .setPort(uri.getPort())
            .setURI(uri.getRawPath());
    if (headers != null) {
      headers.forEach(
          (name, values) -> {
            if (!name.equals("Nats-Msg-Id")) o.putHeader(name, values.get(0));
          });
    }
    // every request from the client's own event loop: calls from other threads each get a context
    // of their own, and at tens of thousands a second some never completed
    Promise<Integer> status = Promise.promise();
    context.runOnContext(
        v ->
            client
                .request(o)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(res -> res.body().map(b -> res.statusCode()))
                .onComplete(status));
    return status.future();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
