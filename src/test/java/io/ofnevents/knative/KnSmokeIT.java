package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.RecordingSink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnSmokeIT {
  @Test
  void smoke() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      sink.answerWith(
          r ->
              r.path().equals("/a")
                  ? RecordingSink.Answer.event(
                      Map.of(
                          "ce-specversion",
                          "1.0",
                          "ce-id",
                          "r-" + r.header("ce-id"),
                          "ce-source",
                          "/replier",
                          "ce-type",
                          "reply"),
                      "application/json",
                      "{\"ok\":true}")
                  : RecordingSink.Answer.status(200));
      String yaml =
          """
          apiVersion: eventing.knative.dev/v1
          kind: Broker
          metadata: {name: default}
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Trigger
          metadata: {name: a}
          spec:
            broker: default
            filter: {attributes: {type: start}}
            subscriber: {uri: SINK/a}
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Trigger
          metadata: {name: b}
          spec:
            broker: default
            filter: {attributes: {type: reply}}
            subscriber: {uri: SINK/b}
          """
              .replace("SINK", sink.url(""));
      try (KnRuntime rt = KnRuntime.start(yaml)) {
        var r = rt.postEvent("/default/default", "e1", "start", "{\"x\":1}");
        System.out.println("ANSWER " + r.statusCode() + " " + r.headers().map() + " " + r.body());
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.delivered("/b").size() == 1);
        System.out.println("A " + sink.delivered("/a").get(0).headers());
        System.out.println(
            "B "
                + sink.delivered("/b").get(0).headers()
                + " "
                + sink.delivered("/b").get(0).bodyText());
        System.out.println(
            rt.metrics().text().lines().filter(l -> l.startsWith("ofn_kn")).toList());
        assertThat(r.statusCode()).isEqualTo(202);
      }
    }
  }
}
