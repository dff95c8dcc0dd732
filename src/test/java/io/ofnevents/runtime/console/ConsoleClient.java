package io.ofnevents.runtime.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a running console's API over HTTP, as the page does; keeps every body it read. */
final class ConsoleClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final List<String> bodies = new ArrayList<>();

  ConsoleClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Origin", "http://evil.example"));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    bodies.add(r.body());
    return r;
  }

  JsonNode json(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    if (r.statusCode() != 200)
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    return JSON.readTree(r.body());
  }

  String url(String path) {
    return base + path;
  }

  /** Every body read so far (pages and API answers). */
  List<String> bodies() {
    return List.copyOf(bodies);
  }
}
