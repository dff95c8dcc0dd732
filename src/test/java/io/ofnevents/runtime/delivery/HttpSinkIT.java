package io.ofnevents.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.RecordingSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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
        "ofn-http:sink?url=" + url + "&backoffDelay=PT0.01S" + options,
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
  void linearAndExponentialBackoff() {
    RetryPolicy linear = new RetryPolicy(3, false, Duration.ofMillis(100), Duration.ofSeconds(1));
    RetryPolicy exponential =
        new RetryPolicy(3, true, Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(linear.delayBefore(3)).isEqualTo(Duration.ofMillis(300));
    assertThat(exponential.delayBefore(3)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void unknownParametersAreRejected() {
    assertThatThrownBy(() -> camel.getEndpoint("ofn-http:sink?url=http://x/&retires=3"))
        .hasMessageContaining("unknown parameters: [retires]");
  }
}
