package io.ofnevents.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.RecordingSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The `ofn-http` sink against a real HTTP server: binary-mode CloudEvents and Knative retries. */
class HttpSinkIT {
  private CamelContext camel;
  private ProducerTemplate template;
  private RecordingSink sink;

  @BeforeEach
  void start() throws Exception {
    camel = new DefaultCamelContext();
    camel.start();
    template = camel.createProducerTemplate();
    sink = RecordingSink.start();
  }

  @AfterEach
  void stop() {
    sink.close();
    camel.stop();
  }

  private void send(String url, String options) {
    template.sendBodyAndHeaders(
        "ofn-http:sink?url="
            + url
            + (options.contains("backoffDelay=") ? "" : "&backoffDelay=PT0.01S")
            + options,
        "{\"message\":\"Hello\"}".getBytes(StandardCharsets.UTF_8),
        Map.of(
            "ce-id",
            "e-1",
            "ce-type",
            "t",
            "Content-Type",
            "application/json",
            "CamelInternal",
            "x",
            "kafka.OFFSET",
            7));
  }

  private static DeliveryFailedException failure(Runnable r) {
    try {
      r.run();
    } catch (CamelExecutionException e) {
      if (e.getCause() instanceof DeliveryFailedException d) return d;
      throw e;
    }
    throw new AssertionError("delivery did not fail");
  }

  @Test
  void postsOnlyCloudEventHeadersAndTheRawBody() {
    send(sink.url("/in?x=1"), "");
    RecordingSink.Request r = sink.delivered("/in").get(0);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Hello\"}");
    assertThat(r.header("ce-id")).isEqualTo("e-1");
    assertThat(r.header("content-type")).startsWith("application/json");
    assertThat(r.headers()).doesNotContainKeys("camelinternal", "kafka.offset");
    assertThat(sink.requests().size()).isEqualTo(1);
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    sink.failFirst(2, 500);
    send(sink.url("/in"), "&retry=3");
    assertThat(sink.requests().size()).isEqualTo(3);
    assertThat(sink.delivered("/in")).hasSize(1);
  }

  @Test
  void retries408And429() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    sink.respondWith(
        r ->
            switch (calls.incrementAndGet()) {
              case 1 -> 429;
              case 2 -> 408;
              default -> 200;
            });
    send(sink.url("/in"), "&retry=2");
    assertThat(sink.requests().size()).isEqualTo(3);
  }

  @Test
  void givesUpAfterTheRetriesWithTheLastStatusAndBody() {
    sink.respondWith(r -> 503);
    DeliveryFailedException e = failure(() -> send(sink.url("/in"), "&retry=2"));
    assertThat(sink.requests().size()).isEqualTo(3);
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(new String(e.responseBody(), StandardCharsets.UTF_8)).isEqualTo("failure 503");
    assertThat(e.getMessage())
        .isEqualTo("POST " + sink.url("/in") + " answered 503 after 3 attempts");
  }

  @Test
  void doesNotRetryClientErrors() {
    sink.respondWith(r -> 400);
    DeliveryFailedException e = failure(() -> send(sink.url("/in"), "&retry=5"));
    assertThat(sink.requests().size()).isEqualTo(1);
    assertThat(e.getMessage())
        .endsWith("answered 400 (not retried: the receiver rejected the event)");
  }

  @Test
  void aRefusedConnectionIsRetriedAndReportedWithoutStatus() throws Exception {
    String nobody = "http://127.0.0.1:" + FreePorts.pick() + "/in";
    DeliveryFailedException e = failure(() -> send(nobody, "&retry=1"));
    assertThat(e.statusCode()).isEqualTo(-1);
    assertThat(e.destination()).isEqualTo(nobody);
  }

  @Test
  void aHangingSinkTimesOut() {
    sink.delay(Duration.ofSeconds(3));
    long t0 = System.nanoTime();
    DeliveryFailedException e = failure(() -> send(sink.url("/slow"), "&retry=0&timeout=PT0.3S"));
    assertThat(e.statusCode()).isEqualTo(-1);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void withTheKnativeTableA404IsRetried() {
    sink.failFirst(1, 404);
    send(sink.url("/in"), "&retry=1&retryOn=knative");
    assertThat(sink.requests()).hasSize(2);
    assertThat(sink.delivered("/in")).hasSize(1);
    sink.clear();
    sink.failFirst(1, 404);
    DeliveryFailedException e = failure(() -> send(sink.url("/in"), "&retry=1"));
    assertThat(sink.requests()).as("OpenFunction table: a 404 is a no").hasSize(1);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aStopEndsTheWaitBetweenAttemptsAndNoDeadLetterTakesTheEvent() throws Exception {
    sink.respondWith(r -> 503);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread sender =
        new Thread(
            () -> {
              try {
                // capped at 30 s each, still minutes of waiting if the stop did not end them
                send(sink.url("/in"), "&retry=5&backoffDelay=PT25S");
              } catch (Throwable t) {
                outcome.set(t);
              }
            });
    sender.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.requests().size() == 1);
    camel.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> !sender.isAlive());
    assertThat(outcome.get()).isInstanceOf(CamelExecutionException.class);
    assertThat(outcome.get().getCause())
        .isInstanceOf(DeliveryAbortedException.class)
        .isNotInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("stopping");
    assertThat(sink.requests()).hasSize(1);
  }

  @Test
  void unknownParametersAreRejected() {
    assertThatThrownBy(() -> camel.getEndpoint("ofn-http:sink?url=http://x/&retires=3"))
        .hasMessageContaining("unknown parameters: [retires]");
  }
}
