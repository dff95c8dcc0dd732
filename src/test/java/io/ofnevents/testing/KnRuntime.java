package io.ofnevents.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.Problem;
import io.ofnevents.model.address.AddressBook;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.model.validate.Validator;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.ManagementServer;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Knative resources run in this JVM as `ofn-events run --ingress-port P --address ...` runs them:
 * validated with the addresses, compiled, started with the Brokers' ingress on a free port and the
 * management server on another; events are POSTed to the ingress as a Knative client would.
 */
public final class KnRuntime implements AutoCloseable {
  private final OfnRuntime runtime;
  private final int ingressPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private KnRuntime(OfnRuntime runtime, int ingressPort) {
    this.runtime = runtime;
    this.ingressPort = ingressPort;
  }

  /** Starts `yaml` with `addresses` (`KIND/[NS/]NAME=URL`); fails on any error. */
  public static KnRuntime start(String yaml, String... addresses) throws Exception {
    return start(YamlLoader.load("test.yaml", yaml, "default"), List.of(addresses));
  }

  public static KnRuntime start(LoadResult loaded, List<String> addresses) throws Exception {
    return start(loaded, addresses, true, Map.of());
  }

  /** As {@link #start(LoadResult, List)}; `ingress` false runs with `--ingress-port 0`. */
  public static KnRuntime start(LoadResult loaded, List<String> addresses, boolean ingress)
      throws Exception {
    return start(loaded, addresses, ingress, Map.of());
  }

  /**
   * As {@link #start(LoadResult, List)}, with extra Camel properties (`run -p`, `--kubeconfig`).
   */
  public static KnRuntime start(
      LoadResult loaded, List<String> addresses, Map<String, String> properties) throws Exception {
    return start(loaded, addresses, true, properties);
  }

  private static KnRuntime start(
      LoadResult loaded, List<String> addresses, boolean ingress, Map<String, String> properties)
      throws Exception {
    Addressing a = Addressing.standalone(AddressBook.parse(addresses));
    List<Problem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(Validator.validate(loaded.resources(), a));
    assertThat(problems.stream().filter(Problem::isError).map(Problem::format).toList())
        .as("validation errors")
        .isEmpty();
    Bundle bundle = Compiler.compile(loaded.resources(), new CompileOptions(a, "test"));
    assertThat(bundle.problems().stream().filter(Problem::isError).map(Problem::format).toList())
        .as("compile errors")
        .isEmpty();
    int port = ingress ? FreePorts.pick() : 0;
    OfnRuntime runtime =
        new OfnRuntime(
            bundle,
            new RuntimeOptions(
                ManagementServer.EPHEMERAL,
                RuntimeOptions.CLASSPATH_KAMELETS,
                properties,
                ApiToken.none(),
                port));
    runtime.start();
    return new KnRuntime(runtime, port);
  }

  /** The URL of `path` on the ingress, e.g. `/default/default`. */
  public String ingress(String path) {
    return "http://127.0.0.1:" + ingressPort + path;
  }

  /** POSTs `body` with `headers` to `path` of the ingress. */
  public HttpResponse<String> post(String path, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    return send("POST", path, headers, body);
  }

  /** A request with `method` to `path` of the ingress. */
  public HttpResponse<String> send(
      String method, String path, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(ingress(path)))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A binary-mode CloudEvent 1.0 of `type` with id `id`, POSTed to `path`; its answer. */
  public HttpResponse<String> postEvent(String path, String id, String type, String data)
      throws IOException, InterruptedException {
    return post(
        path,
        Map.of(
            "ce-specversion", "1.0",
            "ce-id", id,
            "ce-source", "/test",
            "ce-type", type,
            "Content-Type", "application/json"),
        data);
  }

  public OfnRuntime runtime() {
    return runtime;
  }

  /** GET `path` of the management port (`/health/ready`, `/health/live`). */
  public HttpResponse<String> management(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.managementPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The runtime's meters, as /metrics shows them. */
  public PrometheusText metrics() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + runtime.managementPort() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return PrometheusText.parse(r.body());
  }

  @Override
  public void close() throws Exception {
    runtime.close();
  }
}
