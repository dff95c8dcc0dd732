package io.ofnevents.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP sink both paths deliver to: answers 202 at once and records each event of the current
 * round with its latency, read from the publish time the event carries in {@link #SENT}.
 */
final class ArrivalSink implements AutoCloseable {
  /** CloudEvent extension carrying the publisher's {@code System.nanoTime()}. */
  static final String SENT = "ce-benchsent";

  /** CloudEvent extension naming the round, so that stragglers of another round are ignored. */
  static final String ROUND = "ce-benchround";

  /** The round of events that carry no round, e.g. from a real EventSource. */
  static final String UNTAGGED = "";

  private final HttpServer server;
  private final ExecutorService executor;
  private volatile Tally tally;

  ArrivalSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    // A few threads, so that concurrent deliveries are not serialised by the sink itself.
    executor = Executors.newFixedThreadPool(4, r -> daemon(r));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** URL of subscriber `i`: each subscriber has its own path. */
  String url(int i) {
    return url("/s" + i);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Starts counting a new round. */
  Tally expect(String round, int events) {
    Tally t = new Tally(round, events);
    tally = t;
    return t;
  }

  private void handle(HttpExchange ex) throws IOException {
    long now = System.nanoTime();
    try (InputStream body = ex.getRequestBody()) {
      body.readAllBytes();
    }
    String sent = ex.getRequestHeaders().getFirst(SENT);
    String round = ex.getRequestHeaders().getFirst(ROUND);
    String id = ex.getRequestHeaders().getFirst("ce-id");
    Tally t = tally;
    if (t != null && t.round().equals(round == null ? UNTAGGED : round)) {
      t.arrived(ex.getRequestURI().getPath(), id, sent == null ? now : Long.parseLong(sent), now);
    }
    ex.sendResponseHeaders(202, -1);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "ofn-bench-sink");
    t.setDaemon(true);
    return t;
  }
}
