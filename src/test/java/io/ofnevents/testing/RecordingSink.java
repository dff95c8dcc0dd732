package io.ofnevents.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * An HTTP sink for tests: records every request (path, headers, exact body bytes) and answers with
 * a status chosen per request (200 unless told otherwise), on a free loopback port.
 */
public final class RecordingSink implements AutoCloseable {
  /** One request as received and the status it was answered with; header names are lower case. */
  public record Request(
      String method, String path, Map<String, String> headers, byte[] body, int status) {
    public String bodyText() {
      return new String(body, UTF_8);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * A whole answer: status, headers and body (e.g. a Knative reply event in binary mode, or a plain
   * body a Knative Trigger must refuse).
   */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public static Answer status(int status) {
      return new Answer(status, Map.of(), new byte[0]);
    }

    /** A 200 reply event in binary mode: `ce-` headers (values as sent) and data. */
    public static Answer event(Map<String, String> ceHeaders, String contentType, String data) {
      Map<String, String> h = new TreeMap<>(ceHeaders);
      if (contentType != null) h.put("Content-Type", contentType);
      return new Answer(200, h, data.getBytes(UTF_8));
    }

    /** A 200 answer with a body that is not a CloudEvent. */
    public static Answer plain(String contentType, String body) {
      return new Answer(200, Map.of("Content-Type", contentType), body.getBytes(UTF_8));
    }
  }

  private final int port;
  private volatile HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile ToIntFunction<Request> status = r -> 200;
  private volatile java.util.function.Function<Request, Answer> answers;
  private volatile long delayMillis;

  private RecordingSink(int port) {
    this.port = port;
  }

  public static RecordingSink start() {
    HttpServer server = listen(0);
    RecordingSink sink = new RecordingSink(server.getAddress().getPort());
    sink.serve(server);
    return sink;
  }

  /**
   * Closes the port, so that connections are refused (a sink that is down), until {@link
   * #resume()}. Requests in progress are cut off.
   */
  public synchronized void pause() {
    stopServer();
  }

  /** Listens on the same port again after {@link #pause()}. */
  public synchronized void resume() {
    serve(listen(port));
  }

  private void serve(HttpServer server) {
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    this.server = server;
  }

  private static HttpServer listen(int port) {
    try {
      return HttpServer.create(new InetSocketAddress(ServerProcess.HOST, port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the recording sink on port " + port, e);
    }
  }

  private void stopServer() {
    HttpServer s = server;
    server = null;
    if (s == null) return;
    s.stop(0);
    ((java.util.concurrent.ExecutorService) s.getExecutor()).shutdownNow();
  }

  /** The URL of `path` on this sink, e.g. {@code url("/default/sink-a")}. */
  public String url(String path) {
    return "http://" + ServerProcess.HOST + ":" + port + path;
  }

  /** Decides the status of each request from now on (its `status` is 0 when asked). */
  public void respondWith(ToIntFunction<Request> status) {
    this.answers = null;
    this.status = status;
  }

  /** Decides the whole answer of each request from now on (replies, plain bodies). */
  public void answerWith(java.util.function.Function<Request, Answer> answers) {
    this.answers = answers;
  }

  /** Answers `failure` to the first `n` requests (any path), then 200. */
  public void failFirst(int n, int failure) {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    respondWith(r -> calls.incrementAndGet() <= n ? failure : 200);
  }

  /** Waits this long before answering each request: a slow or hanging sink. */
  public void delay(java.time.Duration delay) {
    this.delayMillis = delay.toMillis();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests to `path` answered with a 2xx status. */
  public List<Request> delivered(String path) {
    return requests.stream().filter(r -> r.path().equals(path) && r.status() / 100 == 2).toList();
  }

  /** Bodies, as text, of the requests to `path` that were answered with a 2xx status. */
  public List<String> deliveredBodies(String path) {
    return delivered(path).stream().map(Request::bodyText).toList();
  }

  public void clear() {
    requests.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    Request request =
        new Request(
            exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, 0);
    java.util.function.Function<Request, Answer> whole = answers;
    Answer reply = whole == null ? null : whole.apply(request);
    int code = reply != null ? reply.status() : status.applyAsInt(request);
    requests.add(
        new Request(request.method(), request.path(), request.headers(), request.body(), code));
    if (delayMillis > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(delayMillis * 1_000_000L);
    }
    // Failures carry a body, as real services do, so dead letters can be checked to record it.
    byte[] answer =
        reply != null
            ? reply.body()
            : code >= 400 ? ("failure " + code).getBytes(UTF_8) : new byte[0];
    if (reply != null) reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @Override
  public synchronized void close() {
    stopServer();
  }
}
