package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.RecordingSink;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Both APIs on one engine (issue 11 item 8): an OpenFunction subscriber whose `sink.ref` is a
 * Knative Broker publishes onto it (through the Broker's door: TTL and arrival time), and an
 * OpenFunction Trigger reads a Broker through its own consumer, each input with its filter, so a
 * CEL condition joins events of two types, which a Knative Trigger cannot.
 */
class KnOneEngineIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void anOpenFunctionSinkRefToABrokerPublishesOntoIt() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      String yaml =
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default}
          spec: {inMemory: {}}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: clock}
          spec:
            eventBus: default
            cron:
              tick: {schedule: "@every 1s"}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: forward}
          spec:
            eventBus: default
            inputs:
              tick: {eventSource: clock, event: tick}
            subscribers:
              - condition: tick
                sink:
                  ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Broker
          metadata: {name: default}
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Trigger
          metadata: {name: ticks}
          spec:
            broker: default
            filter: {attributes: {type: io.openfunction.events.cron}}
            subscriber: {uri: SINK/ticks}
          """
              .replace("SINK", sink.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        await().atMost(WAIT).until(() -> sink.delivered("/ticks").size() >= 2);
        assertThat(
                runtime
                    .metrics()
                    .value(
                        "ofn_subscriber_events_delivered_total",
                        "trigger",
                        "forward",
                        "subscriber",
                        "0"))
            .isGreaterThanOrEqualTo(2);
      }
      RecordingSink.Request tick = sink.delivered("/ticks").get(0);
      assertThat(tick.header("ce-source"))
          .isEqualTo("/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/clock");
      assertThat(tick.header("ce-ofntrigger")).isEqualTo("forward");
      assertThat(tick.header("ce-knativearrivaltime")).isNotNull();
      assertThat(tick.header("ce-knativebrokerttl")).isNull();
    }
  }

  @Test
  void anOpenFunctionTriggerJoinsTwoEventTypesOfABrokerWithCel() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      String yaml =
          """
          apiVersion: eventing.knative.dev/v1
          kind: Broker
          metadata: {name: shop}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default}
          spec: {inMemory: {}}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: paid-orders}
          spec:
            eventBus: default
            inputs:
              order: {broker: shop, filter: {attributes: {type: order}}}
              payment: {broker: shop, filter: {attributes: {type: payment}}}
              everything: {broker: shop}
            subscribers:
              - condition: order && payment
                sink: {uri: SINK/both}
              - condition: everything
                sink: {uri: SINK/everything}
          """
              .replace("SINK", sink.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        runtime.postEvent("/default/shop", "order-1", "order", "{}");
        await().atMost(WAIT).until(() -> sink.delivered("/everything").size() == 1);
        assertThat(sink.delivered("/both")).isEmpty();
        runtime.postEvent("/default/shop", "payment-1", "payment", "{}");
        await().atMost(WAIT).until(() -> sink.delivered("/both").size() == 1);
        await().atMost(WAIT).until(() -> sink.delivered("/everything").size() == 2);
      }
      RecordingSink.Request both = sink.delivered("/both").get(0);
      assertThat(both.header("ce-id")).isEqualTo("payment-1");
      // one arrival, named as every input it matched
      assertThat(both.header("ce-ofninput")).isEqualTo("everything,payment");
      assertThat(sink.delivered("/everything").stream().map(r -> r.header("ce-id")))
          .containsExactly("order-1", "payment-1");
    }
  }
}
