package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.ofnevents.model.Kind;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.RecordingSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `operator --runtime in-process` with the Knative kinds against the mock API server: a Broker's
 * ingress is the runtime's ingress port behind the one Service the operator creates, which selects
 * the leader's pod (labelled by it); events posted there and a PingSource's ticks reach a Trigger's
 * subscriber; the status says where.
 */
class KnInProcessIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  RecordingSink sink;
  MockCluster cluster;
  Operator operator;
  int ingressPort;

  @BeforeEach
  void start() {
    sink = RecordingSink.start();
    cluster = new MockCluster();
    cluster
        .client
        .pods()
        .inNamespace("ofn-events-system")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("operator-0")
                .withNamespace("ofn-events-system")
                .addToLabels("app.kubernetes.io/name", "ofn-events")
                .endMetadata()
                .build())
        .create();
    ingressPort = FreePorts.pick();
    operator =
        Operator.inProcess(
            cluster.client,
            null,
            new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of())
                .withIngressPort(ingressPort),
            "0.1.0",
            null,
            new IngressExposure(
                "ofn-events-system", "operator-0", "ofn-events-operator", ingressPort, null));
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
    sink.close();
  }

  @Test
  void brokerTriggerAndPingSourceRunInTheOperator() throws Exception {
    cluster.apply(
        KnOperatorTest.BROKER.replace("http://dead.default.svc/letters", sink.url("/dead")));
    cluster.apply(
        KnOperatorTest.TRIGGER
            .replace("http://orders.default.svc/in", sink.url("/orders"))
            .replace("{type: order.created}", "{type: order.created}"));
    cluster.apply(
        KnOperatorTest.TRIGGER
            .replace("name: orders", "name: pings")
            .replace("{type: order.created}", "{type: dev.knative.sources.ping}")
            .replace("http://orders.default.svc/in", sink.url("/pings")));
    cluster.apply(KnOperatorTest.PING.replace("\"*/1 * * * *\"", "\"* * * * * *\""));
    cluster.awaitStatus(
        WAIT,
        "True",
        Kind.KN_BROKER,
        "default",
        Kind.KN_TRIGGER,
        "orders",
        Kind.KN_PING_SOURCE,
        "ping");
    String address =
        "http://ofn-events-operator-ingress.ofn-events-system.svc.cluster.local/default/default";
    assertThat(cluster.status(Kind.KN_BROKER, "default", "default").get("address"))
        .isEqualTo(Map.of("name", "http", "url", address));
    assertThat(cluster.status(Kind.KN_PING_SOURCE, "default", "ping"))
        .containsEntry("sinkUri", address);
    Service service =
        cluster
            .client
            .services()
            .inNamespace("ofn-events-system")
            .withName("ofn-events-operator-ingress")
            .get();
    assertThat(service.getSpec().getSelector())
        .isEqualTo(Map.of("ofn-events.io/ingress", "ofn-events-operator"));
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal())
        .isEqualTo(ingressPort);
    assertThat(
            cluster
                .client
                .pods()
                .inNamespace("ofn-events-system")
                .withName("operator-0")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("ofn-events.io/ingress", "ofn-events-operator");

    // what the Service reaches: the runtime's ingress port
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ingressPort + "/default/default"))
                    .header("ce-specversion", "1.0")
                    .header("ce-id", "order-1")
                    .header("ce-source", "/shop")
                    .header("ce-type", "order.created")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\": 1}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(202);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(sink.delivered("/orders"))
                    .anySatisfy(r -> assertThat(r.header("ce-id")).isEqualTo("order-1")));
    await().atMost(WAIT).until(() -> !sink.delivered("/pings").isEmpty());
    assertThat(sink.delivered("/pings").get(0).header("ce-source"))
        .isEqualTo("/apis/v1/namespaces/default/pingsources/ping");

    // a replica that stops leading sends no more ingress traffic to its pod
    operator.close();
    assertThat(
            cluster
                .client
                .pods()
                .inNamespace("ofn-events-system")
                .withName("operator-0")
                .get()
                .getMetadata()
                .getLabels())
        .doesNotContainKey("ofn-events.io/ingress");
  }
}
