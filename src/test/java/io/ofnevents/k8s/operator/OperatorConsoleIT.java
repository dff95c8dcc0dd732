package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.RecordingSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 1: the operator serves the console for the resources of the cluster, on its health
 * port: the catalog follows the cluster's resources; with Camel K there is no live state,
 * in-process the counts grow as events flow, and the parked events of the runtime are at
 * `/api/parked`.
 */
class OperatorConsoleIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "s3cr3t-redis-pass";
  static final String REDIS =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventSource
      metadata: {name: payments, namespace: default}
      spec:
        sink: {uri: "http://ledger.default.svc/settled"}
        redis:
          settled: {redisHost: "redis.default.svc:6379", redisPassword: "%s", stream: payments}
      """
          .formatted(SECRET);

  final HttpClient http = HttpClient.newHttpClient();
  final List<String> bodies = new ArrayList<>();

  @Test
  void camelKModeShowsTheClusterResourcesWithoutLiveState() throws Exception {
    try (MockCluster cluster = new MockCluster();
        Operator operator = Operator.camelK(cluster.client, null, OperatorTest.VERSION);
        HealthServer server =
            new HealthServer(
                0, operator::live, operator::ready, operator.console(ApiToken.none()))) {
      operator.start();
      cluster.apply(KnOperatorTest.BUS);
      cluster.apply(OperatorTest.SOURCE);
      cluster.apply(OperatorTest.TRIGGER);
      cluster.apply(REDIS);
      cluster.apply(KnOperatorTest.BROKER);
      cluster.apply(KnOperatorTest.TRIGGER);
      int port = server.port();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(refs(json(port, "/api/resources")))
                      .contains(
                          "EventBus/default/default",
                          "EventSource/default/clock",
                          "EventSource/default/payments",
                          "Trigger/default/watch",
                          "Broker.eventing.knative.dev/default/default",
                          "Trigger.eventing.knative.dev/default/orders"));
      assertThat(json(port, "/api/console").get("running").asBoolean()).isFalse();
      JsonNode topology = json(port, "/api/topology");
      assertThat(ids(topology.get("nodes")))
          .contains("kn-broker:default/default", "kn-trigger:default/orders");
      JsonNode trigger = json(port, "/api/resources/Trigger.eventing.knative.dev/default/orders");
      assertThat(trigger.get("routes").toString()).contains("kn-trigger-default-orders");
      JsonNode stats = json(port, "/api/stats");
      assertThat(stats.get("running").asBoolean()).isFalse();
      json(port, "/api/resources/EventSource/default/payments");
      // the page, from the jar
      assertThat(get(port, "/").statusCode()).isEqualTo(200);
      // no runtime here: no parked events to serve
      assertThat(get(port, "/api/parked").statusCode()).isEqualTo(404);

      // the catalog follows the cluster
      cluster.apply(KnOperatorTest.PING);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(refs(json(port, "/api/resources")))
                      .contains("PingSource.sources.knative.dev/default/ping"));
      cluster.delete(io.ofnevents.model.Kind.TRIGGER, "default", "watch");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(refs(json(port, "/api/resources")))
                      .doesNotContain("Trigger/default/watch"));
      assertThat(bodies).allSatisfy(b -> assertThat(b).doesNotContain(SECRET));
    }
  }

  @Test
  void inProcessCountsGrow() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        MockCluster cluster = new MockCluster();
        Operator operator =
            Operator.inProcess(
                cluster.client,
                null,
                new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of())
                    .withIngressPort(FreePorts.pick()),
                "0.1.0");
        HealthServer server =
            new HealthServer(
                0, operator::live, operator::ready, operator.console(ApiToken.none()))) {
      operator.start();
      cluster.apply(OperatorTest.BUS);
      cluster.apply(OperatorTest.SOURCE.replace("@every 2s", "@every 1s"));
      cluster.apply(OperatorTest.TRIGGER.replace("http://display.default.svc", sink.url("")));
      cluster.apply(
          KnOperatorTest.BROKER.replace("http://dead.default.svc/letters", sink.url("/dead")));
      cluster.apply(
          KnOperatorTest.TRIGGER
              .replace("{type: order.created}", "{type: dev.knative.sources.ping}")
              .replace("http://orders.default.svc/in", sink.url("/pings")));
      cluster.apply(KnOperatorTest.PING.replace("\"*/1 * * * *\"", "\"* * * * * *\""));
      int port = server.port();
      await().atMost(WAIT).until(() -> json(port, "/api/console").get("running").asBoolean());
      String trigger = "t:default/watch";
      String knTrigger = "kn-trigger:default/orders";
      await()
          .atMost(WAIT)
          .until(
              () ->
                  delivered(json(port, "/api/stats"), trigger) >= 1
                      && delivered(json(port, "/api/stats"), knTrigger) >= 1);
      double before = delivered(json(port, "/api/stats"), trigger);
      double knBefore = delivered(json(port, "/api/stats"), knTrigger);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                JsonNode s = json(port, "/api/stats");
                return delivered(s, trigger) > before && delivered(s, knTrigger) > knBefore;
              });
      await()
          .atMost(WAIT)
          .until(
              () ->
                  json(port, "/api/events?resource=Trigger.eventing.knative.dev/default/orders")
                          .get("events")
                          .size()
                      > 0);
      assertThat(get(port, "/api/parked").statusCode()).isEqualTo(200);
    }
  }

  private static double delivered(JsonNode stats, String node) {
    JsonNode n = stats.get("nodes").get(node);
    return n == null || n.get("counts").get("delivered").isNull()
        ? 0
        : n.get("counts").get("delivered").asDouble();
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    bodies.add(r.body());
    return r;
  }

  private JsonNode json(int port, String path) throws Exception {
    HttpResponse<String> r = get(port, path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<String> refs(JsonNode resources) {
    return StreamSupport.stream(resources.spliterator(), false)
        .map(n -> n.get("ref").asText())
        .toList();
  }

  private static List<String> ids(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("id").asText()).toList();
  }
}
