package io.ofnevents.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP server on a free loopback port that records every request, for tests of HTTP sinks.
 * It answers 200 unless told otherwise (e.g. fail the first N calls, or always 500).
 */
public final class RecordingSink implements AutoCloseable {
  /** One received request: path, lower-cased headers and the raw body. */
  public record Request(String path, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile IntUnaryOperator status = call -> 200;
  private volatile java.util.function.ToIntFunction<String> statusByPath;
  private volatile long delayMillis;

  private RecordingSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  public static RecordingSink start() throws IOException {
    return new RecordingSink();
  }

  /** The base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Status to answer per call number (1-based); calls are counted across paths. */
  public RecordingSink answering(IntUnaryOperator statusByCall) {
    this.status = statusByCall;
    return this;
  }

  /** Status to answer per request path (takes precedence over {@link #answering}). */
  public RecordingSink answeringByPath(java.util.function.ToIntFunction<String> statusByPath) {
    this.statusByPath = statusByPath;
    return this;
  }

  /** Waits this long before answering each call (a slow or hanging sink). */
  public RecordingSink delaying(java.time.Duration delay) {
    this.delayMillis = delay.toMillis();
    return this;
  }

  /** Answers `failure` to the first `n` calls, then 200. */
  public RecordingSink failingFirst(int n, int failure) {
    return answering(call -> call <= n ? failure : 200);
  }

  /** Requests answered with success so far; failed calls only count in {@link #calls()}. */
  public List<Request> received() {
    return new ArrayList<>(requests);
  }

  /** Successfully answered requests to `path`. */
  public List<Request> received(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Every call, answered with success or not. */
  public int calls() {
    return calls.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    int call = calls.incrementAndGet();
    java.util.function.ToIntFunction<String> byPath = statusByPath;
    int code =
        byPath != null ? byPath.applyAsInt(ex.getRequestURI().getPath()) : status.applyAsInt(call);
    if (delayMillis > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(
          java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(delayMillis));
    }
    if (code >= 200 && code < 300) {
      Map<String, String> headers = new TreeMap<>();
      ex.getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      requests.add(new Request(ex.getRequestURI().getPath(), headers, body));
    }
    byte[] answer =
        code >= 400 ? ("failure " + code).getBytes(StandardCharsets.UTF_8) : new byte[0];
    ex.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) ex.getResponseBody().write(answer);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
