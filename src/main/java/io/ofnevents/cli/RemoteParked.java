package io.ofnevents.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** `ofn-events parked --runtime-url URL`: the management API of a running runtime. */
final class RemoteParked implements ParkedClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  // A replay runs the subscriber's retries and timeouts before it answers.
  private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(10);

  private final String base;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  RemoteParked(String runtimeUrl, String token) {
    this.base = runtimeUrl.replaceAll("/+$", "") + "/api/parked";
    this.token = token;
  }

  @Override
  public List<JsonNode> list(String trigger, int limit) throws Exception {
    String query = "?limit=" + limit;
    if (trigger != null) query += "&trigger=" + URLEncoder.encode(trigger, StandardCharsets.UTF_8);
    return get(query);
  }

  @Override
  public List<JsonNode> listResource(String ref, int limit) throws Exception {
    return get("?limit=" + limit + "&resource=" + URLEncoder.encode(ref, StandardCharsets.UTF_8));
  }

  private List<JsonNode> get(String query) throws Exception {
    JsonNode answer =
        send(HttpRequest.newBuilder(URI.create(base + query)).timeout(Duration.ofSeconds(30)));
    List<JsonNode> out = new ArrayList<>();
    answer.path("parked").forEach(out::add);
    return out;
  }

  @Override
  public void replay(String id) throws Exception {
    post(id, "replay");
  }

  @Override
  public void drop(String id) throws Exception {
    post(id, "drop");
  }

  private void post(String id, String action) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/" + id + "/" + action))
            .timeout(REPLAY_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) b.header("Authorization", "Bearer " + token);
    send(b);
  }

  private JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r;
    try {
      r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new Failure("cannot reach " + base + ": " + e.getMessage());
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (Exception e) {
      throw new Failure(base + " answered " + r.statusCode() + " without JSON");
    }
    if (r.statusCode() / 100 != 2) {
      throw new Failure(body.path("error").asText("HTTP " + r.statusCode()));
    }
    return body;
  }
}
