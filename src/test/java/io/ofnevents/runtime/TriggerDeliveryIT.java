package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.Yamls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * Trigger delivery over the in-memory bus: a failing subscriber neither starves the others nor
 * loses its event (the bus redelivers it to that subscriber only), and a dead letter, in the
 * subscriber or in its `delivery`, receives the event with the error.
 */
class TriggerDeliveryIT {
  private static final String RESOURCES =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default}
      spec: {inMemory: {}}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata: {name: t}
      spec:
        eventBus: default
        inputs:
          a: {eventSource: es, event: a}
        subscribers:
          - condition: a
            sink: {uri: "SINK/flaky"}
            delivery: {retry: 0}
          - condition: a
            sink: {uri: "SINK/fine"}
          - condition: a
            sink: {uri: "DEAD/always-down"}
            delivery: {retry: 1, backoffDelay: 10ms}
            deadLetterSink: {uri: "SINK/dead-letters"}
          - condition: a
            sink: {uri: "DEAD/also-down"}
            delivery:
              retry: 0
              deadLetterSink: {uri: "SINK/knative-dead-letters"}
      """;

  @Test
  void failuresAreRedeliveredOrDeadLetteredWithoutStarvingOtherSubscribers() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        RecordingSink down = RecordingSink.start()) {
      // /flaky fails its first two calls; /fine always works; the other sink always answers 500.
      down.respondWith(r -> 500);
      java.util.concurrent.atomic.AtomicInteger flaky =
          new java.util.concurrent.atomic.AtomicInteger();
      sink.respondWith(r -> r.path().equals("/flaky") && flaky.incrementAndGet() <= 2 ? 503 : 200);
      String yaml = RESOURCES.replace("SINK", sink.url("")).replace("DEAD", down.url(""));
      Bundle bundle =
          Compiler.compile(Yamls.load(yaml).resources(), CompileOptions.standalone("test"));
      try (OfnRuntime runtime =
          new OfnRuntime(
              bundle, new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()))) {
        runtime.start();
        ProducerTemplate template = runtime.context().createProducerTemplate();
        template.sendBodyAndHeaders(
            "ofn-bus:default-es-a?driver=memory",
            "hello".getBytes(StandardCharsets.UTF_8),
            Map.of("ce-id", "e-1", "ce-specversion", "1.0", "ce-source", "/test", "ce-type", "t"));

        // /fine got the event on the first attempt even though /flaky failed in the same pass.
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.delivered("/fine").isEmpty());
        // The bus redelivers until /flaky accepts: nothing is lost.
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.delivered("/flaky").size() == 1);
        assertThat(sink.delivered("/flaky").get(0).bodyText()).isEqualTo("hello");
        // A redelivery goes only to the subscriber that failed: /fine had it already.
        assertThat(sink.delivered("/fine")).hasSize(1);

        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> !sink.delivered("/dead-letters").isEmpty());
        RecordingSink.Request dead = sink.delivered("/dead-letters").get(0);
        assertThat(dead.header("ce-id")).isEqualTo("e-1");
        assertThat(dead.header("ce-ofnerrorcode")).isEqualTo("500");
        assertThat(dead.header("ce-ofnerrordest")).isEqualTo(down.url("/always-down"));
        assertThat(
                new String(
                    Base64.getDecoder().decode(dead.header("ce-ofnerrordata")),
                    StandardCharsets.UTF_8))
            .isEqualTo("failure 500");
        assertThat(dead.bodyText()).isEqualTo("hello");

        // Knative's place for the dead letter, subscribers[].delivery.deadLetterSink, works too.
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> !sink.delivered("/knative-dead-letters").isEmpty());
        RecordingSink.Request knative = sink.delivered("/knative-dead-letters").get(0);
        assertThat(knative.header("ce-id")).isEqualTo("e-1");
        assertThat(knative.header("ce-ofnerrordest")).isEqualTo(down.url("/also-down"));
        assertThat(down.requests()).filteredOn(r -> r.path().equals("/also-down")).hasSize(1);
      }
    }
  }
}
