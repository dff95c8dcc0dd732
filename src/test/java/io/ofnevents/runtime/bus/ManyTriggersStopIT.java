package io.ofnevents.runtime.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A runtime with many Trigger inputs on JetStream stops gracefully. Camel stops route consumers one
 * after the other; each JetStream consumer used to wait for its own pending fetch to expire before
 * the next one was even told to stop, so 80 inputs (0.5 s each) exceeded camel-main's 30 s shutdown
 * timeout and the stop was forced, cutting in-flight deliveries short.
 */
class ManyTriggersStopIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final int TRIGGERS = 80;

  @Test
  void stopsWithoutHittingTheShutdownTimeout() throws Exception {
    TestRuntime runtime = TestRuntime.start(resources(nats.url()));
    CamelContext context = runtime.runtime().context();
    assertThat(context.getRoutes()).hasSizeGreaterThanOrEqualTo(2 * TRIGGERS);

    runtime.close();

    assertThat(context.getStatus()).isEqualTo(ServiceStatus.Stopped);
    assertThat(context.getShutdownStrategy().isTimeoutOccurred())
        .as("graceful shutdown timed out and was forced")
        .isFalse();
  }

  private static String resources(String url) {
    StringBuilder y =
        new StringBuilder(
            """
            apiVersion: events.openfunction.io/v1alpha1
            kind: EventBus
            metadata: {name: default}
            spec:
              nats: {url: "%s"}
            """
                .formatted(url));
    for (int i = 0; i < TRIGGERS; i++) {
      y.append(
          """
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: t-%1$02d}
          spec:
            eventBus: default
            inputs:
              tick: {eventSource: producer-%1$02d, event: tick}
            subscribers:
              - condition: tick
                sink: {uri: "http://127.0.0.1:9/never-called"}
          """
              .formatted(i));
    }
    return y.toString();
  }
}
