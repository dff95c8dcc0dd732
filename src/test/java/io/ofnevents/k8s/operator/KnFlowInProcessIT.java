package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.model.Kind;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.StepServices;
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
 * `operator --runtime in-process` with a Sequence and a Parallel against the mock API server: their
 * `status.address.url` is the runtime's ingress with the flow's path, they are Ready once their
 * routes run, and an event posted at that address goes through the steps (appenders) to the reply,
 * and through each branch to its reply.
 */
class KnFlowInProcessIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  RecordingSink sink;
  MockCluster cluster;
  Operator operator;
  int ingressPort;

  @BeforeEach
  void start() {
    sink = RecordingSink.start();
    sink.answerWith(
        StepServices.byPath(
            Map.of(
                "/step0", StepServices.appender(" - Handled by 0"),
                "/step1", StepServices.appender(" - Handled by 1"),
                "/even", StepServices.appender(" - even"),
                "/odd", StepServices.appender(" - odd"),
                "/reply", r -> RecordingSink.Answer.status(202),
                "/even-reply", r -> RecordingSink.Answer.status(202))));
    cluster = new MockCluster();
    ingressPort = FreePorts.pick();
    operator =
        Operator.inProcess(
            cluster.client,
            null,
            new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of())
                .withIngressPort(ingressPort),
            "0.1.0");
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
    sink.close();
  }

  @Test
  void aSequenceAndAParallelRunInTheOperatorAtTheirAddresses() throws Exception {
    cluster.apply(
        KnFlowOperatorTest.SEQUENCE
            .replace("http://first.default.svc/step", sink.url("/step0"))
            .replace("http://second.default.svc/step", sink.url("/step1"))
            .replace("http://reply.default.svc/out", sink.url("/reply")));
    cluster.apply(
        KnFlowOperatorTest.PARALLEL
            .replace("filter: {uri: \"http://even.default.svc/filter\"}\n      ", "")
            .replace("http://even.default.svc/in", sink.url("/even"))
            .replace("http://odd.default.svc/in", sink.url("/odd"))
            .replace("http://odd.default.svc/reply", sink.url("/reply"))
            .replace("http://reply.default.svc/out", sink.url("/even-reply")));
    cluster.awaitStatus(WAIT, "True", Kind.KN_SEQUENCE, "seq", Kind.KN_PARALLEL, "par");
    String sequence = "http://localhost:" + ingressPort + "/default/sequences/seq";
    assertThat(cluster.status(Kind.KN_SEQUENCE, "default", "seq").get("address"))
        .isEqualTo(Map.of("name", "http", "url", sequence));
    String parallel = "http://localhost:" + ingressPort + "/default/parallels/par";
    assertThat(cluster.status(Kind.KN_PARALLEL, "default", "par").get("address"))
        .isEqualTo(Map.of("name", "http", "url", parallel));

    assertThat(post(sequence, "seq-1", "{\"id\": 1, \"message\": \"hello\"}")).isEqualTo(202);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(sink.deliveredBodies("/reply"))
                    .contains("{\"id\":1,\"message\":\"hello - Handled by 0 - Handled by 1\"}"));

    assertThat(post(parallel, "par-1", "{\"id\": 2, \"message\": \"both\"}")).isEqualTo(202);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(sink.deliveredBodies("/even-reply"))
                  .containsExactly("{\"id\":2,\"message\":\"both - even\"}");
              assertThat(sink.deliveredBodies("/reply"))
                  .contains("{\"id\":2,\"message\":\"both - odd\"}");
            });
  }

  private static int post(String url, String id, String json) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url.replace("localhost", "127.0.0.1")))
                    .header("ce-specversion", "1.0")
                    .header("ce-id", id)
                    .header("ce-source", "/test")
                    .header("ce-type", "test.event")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return answer.statusCode();
  }
}
