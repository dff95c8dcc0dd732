package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Our Kamelets written into the generated routes as Camel would materialise them. */
class KameletInlinerTest {
  private final KameletInliner inliner = KameletInliner.at("kamelets");

  @Test
  void aTriggerInputReadsTheBusItselfAndItsSubscriberPostsWithoutAKameletRoute() throws Exception {
    String yaml = Files.readString(Path.of("routes/nats/trigger-default-clock-watch.camel.yaml"));
    String out = inliner.inline(yaml);

    assertThat(out).doesNotContain("kamelet:");
    Map<String, Object> input = from(out, 0);
    assertThat(input.get("uri")).isEqualTo("ofn-bus:default-clock-chime");
    assertThat(map(input.get("parameters")))
        .containsEntry("driver", "jetstream") // the Kamelet's default for `mode`
        .containsEntry("consumer", "default-ebft-clock-watch")
        .containsEntry("concurrency", "1")
        .containsEntry("token", "RAW()")
        .containsEntry("maxDeliveries", "10")
        .doesNotContainKey("deliverPolicy"); // {{?deliverPolicy}} not given: left out
    // the route's own steps follow the Kamelet's (which has none before `kamelet:sink`)
    assertThat(list(input.get("steps")).get(0).toString()).contains("ce-ofninput");

    Map<String, Object> delivery = from(out, 3);
    Map<String, Object> doTry = map(map(list(delivery.get("steps")).get(0)).get("doTry"));
    Map<String, Object> post = map(map(list(doTry.get("steps")).get(0)).get("to"));
    assertThat(post.get("uri")).isEqualTo("ofn-http:sink");
    assertThat(map(post.get("parameters")))
        .containsEntry("url", "http://localhost:8090/ticks")
        .containsEntry("timeout", "PT10S") // the Kamelet's requestTimeout
        .containsEntry("retryOn", "openfunction");
  }

  @Test
  void aSecretPlaceholderStaysAPlaceholderInsideRaw() {
    String out =
        inliner.inline(
            route(
                """
                uri: kamelet:ofn-nats-sink
                parameters: {servers: "nats://n:4222", subject: s, token: "RAW({{ofn-file:/t}})"}
                """));
    Map<String, Object> to = map(map(list(from(out, 0).get("steps")).get(0)).get("to"));
    assertThat(map(to.get("parameters")))
        .containsEntry("token", "RAW({{ofn-file:/t}})")
        .containsEntry("servers", "nats://n:4222");
  }

  @Test
  void aTimerSourceIsNamedAfterTheKameletRouteIdAndKeepsItsSteps() throws Exception {
    String yaml = Files.readString(Path.of("routes/nats/eventsource-default-clock.camel.yaml"));
    String out = inliner.inline(yaml);
    Map<String, Object> from = from(out, 0);
    assertThat(from.get("uri")).isEqualTo("timer:es-default-clock-cron-chime-source");
    assertThat(map(from.get("parameters"))).containsEntry("period", "5000");
    List<Object> steps = list(from.get("steps"));
    // the Kamelet's steps (body, record id, headers), then the CloudEvents action's stamping (stock
    // Camel steps), then the publish to the bus
    assertThat(steps.get(0).toString()).contains("setBody");
    assertThat(steps.get(2).toString()).contains("removeHeaders");
    assertThat(steps.subList(3, steps.size() - 1).toString())
        .contains("name=ce-source")
        .contains("/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/clock")
        .contains("name=ce-id");
    assertThat(steps.get(steps.size() - 1).toString()).contains("ofn-bus:default-clock-chime");
    assertThat(out).doesNotContain("kamelet:");
  }

  @Test
  void whatFollowsKameletSinkInASourceRunsAfterTheRoutesSteps() {
    String out =
        inliner.inline(
            """
            - route:
                id: r
                from:
                  uri: kamelet:ofn-kafka-source
                  parameters: {topic: t, brokers: "b:9092", groupId: g}
                  steps:
                    - to: {uri: "log:mine"}
            """);
    List<Object> steps = list(from(out, 0).get("steps"));
    assertThat(steps.get(steps.size() - 2).toString()).contains("log:mine");
    assertThat(steps.get(steps.size() - 1).toString()).contains("ofnKafkaCommit.commit()");
  }

  @Test
  void aMissingRequiredParameterOrAnotherKameletIsLeftToCamel() {
    String missing = route("uri: kamelet:ofn-http-sink\nparameters: {retry: 1}\n");
    assertThat(inliner.inline(missing)).isEqualTo(missing);
    String other = route("uri: kamelet:aws-s3-sink\nparameters: {bucket: b}\n");
    assertThat(inliner.inline(other)).isEqualTo(other);
  }

  private static String route(String to) {
    return """
        - route:
            id: r
            from:
              uri: direct:in
              steps:
                - to:
        %s"""
        .formatted(to.indent(12));
  }

  private static Map<String, Object> from(String yaml, int route) {
    List<Object> routes = list(new Load(LoadSettings.builder().build()).loadFromString(yaml));
    return map(map(map(routes.get(route)).get("route")).get("from"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }
}
