package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.RecordingSink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Knative Trigger filters through real routes (reference §8 items 5 and 13): the routing matrix of
 * `filter.attributes` (`""` matches any value, equal matches, a mismatch does not, every matching
 * Trigger delivers once) and each Subscriptions API dialect (exact, prefix, suffix, cesql, all,
 * any, not, a list ANDed, a missing extension, an empty `filters` keeping `filter`, a non-empty one
 * replacing it), and `delivery.format` json/binary (item 12). One event of each kind is posted to
 * the ingress; each Trigger's sink path must get exactly the events it matches.
 */
class KnFiltersIT {
  private static final String TRIGGER =
      """
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: NAME}
      spec:
        broker: default
      FILTER
        subscriber: {uri: SINK/NAME}
      """;

  /** Trigger name → its filter YAML (indented under spec). */
  private static final Map<String, String> TRIGGERS = new LinkedHashMap<>();

  static {
    TRIGGERS.put("any-type", "  filter: {attributes: {type: \"\"}}");
    TRIGGERS.put("type-a", "  filter: {attributes: {type: dev.a}}");
    TRIGGERS.put("type-a-source-x", "  filter: {attributes: {type: dev.a, source: /x}}");
    TRIGGERS.put("ext-any", "  filter: {attributes: {color: \"\"}}");
    TRIGGERS.put("ext-red", "  filter: {attributes: {color: red}}");
    TRIGGERS.put("nothing", "  filter: {attributes: {type: dev.none}}");
    TRIGGERS.put("exact", "  filters: [{exact: {type: dev.b}}]");
    TRIGGERS.put("prefix", "  filters: [{prefix: {type: dev.}}]");
    TRIGGERS.put("suffix", "  filters: [{suffix: {source: /y}}]");
    TRIGGERS.put("cesql", "  filters: [{cesql: \"type = 'dev.a' AND color = 'red'\"}]");
    TRIGGERS.put("all", "  filters: [{all: [{prefix: {type: dev.}}, {exact: {source: /y}}]}]");
    TRIGGERS.put(
        "any-not", "  filters: [{any: [{exact: {type: dev.b}}, {not: {prefix: {type: dev.}}}]}]");
    TRIGGERS.put("anded", "  filters: [{prefix: {type: dev.}}, {exact: {color: red}}]");
    TRIGGERS.put("missing-ext", "  filters: [{exact: {size: big}}]");
    TRIGGERS.put("empty-keeps", "  filter: {attributes: {type: dev.b}}\n  filters: []");
    TRIGGERS.put(
        "filters-replace",
        "  filter: {attributes: {type: dev.b}}\n  filters: [{exact: {type: dev.a}}]");
    TRIGGERS.put("json", "  filter: {attributes: {type: dev.b}}\n  delivery: {format: json}");
    TRIGGERS.put("binary", "  filter: {attributes: {type: dev.b}}\n  delivery: {format: binary}");
  }

  /** The events posted: id → (type, source, color extension or null). */
  private static final Map<String, String[]> EVENTS =
      Map.of(
          "a-x-red", new String[] {"dev.a", "/x", "red"},
          "a-y", new String[] {"dev.a", "/y", null},
          "b-y-blue", new String[] {"dev.b", "/y", "blue"},
          "other-z", new String[] {"other", "/z", null});

  /** What each Trigger must get: the ids of the events its filter matches. */
  private static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("any-type", List.of("a-x-red", "a-y", "b-y-blue", "other-z"));
    EXPECTED.put("type-a", List.of("a-x-red", "a-y"));
    EXPECTED.put("type-a-source-x", List.of("a-x-red"));
    EXPECTED.put("ext-any", List.of("a-x-red", "b-y-blue"));
    EXPECTED.put("ext-red", List.of("a-x-red"));
    EXPECTED.put("nothing", List.of());
    EXPECTED.put("exact", List.of("b-y-blue"));
    EXPECTED.put("prefix", List.of("a-x-red", "a-y", "b-y-blue"));
    EXPECTED.put("suffix", List.of("a-y", "b-y-blue"));
    EXPECTED.put("cesql", List.of("a-x-red"));
    EXPECTED.put("all", List.of("a-y", "b-y-blue"));
    EXPECTED.put("any-not", List.of("b-y-blue", "other-z"));
    EXPECTED.put("anded", List.of("a-x-red"));
    EXPECTED.put("missing-ext", List.of());
    EXPECTED.put("empty-keeps", List.of("b-y-blue"));
    EXPECTED.put("filters-replace", List.of("a-x-red", "a-y"));
    EXPECTED.put("json", List.of("b-y-blue"));
    EXPECTED.put("binary", List.of("b-y-blue"));
  }

  static RecordingSink sink;
  static KnRuntime runtime;

  @BeforeAll
  static void start() throws Exception {
    sink = RecordingSink.start();
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata: {name: default}\n");
    TRIGGERS.forEach(
        (name, filter) ->
            yaml.append(
                TRIGGER
                    .replace("NAME", name)
                    .replace("FILTER", filter)
                    .replace("SINK", sink.url(""))));
    runtime = KnRuntime.start(yaml.toString());
    for (Map.Entry<String, String[]> e : EVENTS.entrySet()) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("ce-specversion", "1.0");
      h.put("ce-id", e.getKey());
      h.put("ce-type", e.getValue()[0]);
      h.put("ce-source", e.getValue()[1]);
      if (e.getValue()[2] != null) h.put("ce-color", e.getValue()[2]);
      h.put("Content-Type", "application/json");
      assertThat(
              runtime.post("/default/default", h, "{\"id\":\"" + e.getKey() + "\"}").statusCode())
          .isEqualTo(202);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    runtime.close();
    sink.close();
  }

  @Test
  void everyTriggerGetsExactlyTheEventsItsFilterMatchesOnceEach() throws Exception {
    int total = EXPECTED.values().stream().mapToInt(List::size).sum();
    // every Trigger reads each of the four events: when the last count settles, all were evaluated
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TRIGGERS.keySet().stream()
                    .allMatch(
                        t -> {
                          try {
                            return runtime
                                    .metrics()
                                    .value(
                                        "ofn_kn_trigger_events_received_total",
                                        "namespace",
                                        "default",
                                        "trigger",
                                        t)
                                == EVENTS.size();
                          } catch (Exception e) {
                            return false;
                          }
                        }));
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.requests().size() == total);
    EXPECTED.forEach(
        (trigger, ids) ->
            assertThat(sink.delivered("/" + trigger).stream().map(r -> idOf(r)).toList())
                .as(trigger)
                .containsExactlyInAnyOrderElementsOf(ids));
    var m = runtime.metrics();
    assertThat(m.value("ofn_kn_trigger_events_matched_total", "trigger", "type-a")).isEqualTo(2);
    assertThat(m.value("ofn_kn_trigger_events_filtered_out_total", "trigger", "type-a"))
        .isEqualTo(2);
  }

  @Test
  void deliveryFormatJsonSendsStructuredModeAndBinarySendsBinaryMode() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.delivered("/json").size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.delivered("/binary").size() == 1);
    RecordingSink.Request json = sink.delivered("/json").get(0);
    assertThat(json.header("content-type")).startsWith("application/cloudevents+json");
    assertThat(json.header("ce-id")).isNull();
    assertThat(json.bodyText())
        .contains("\"id\":\"b-y-blue\"", "\"type\":\"dev.b\"", "\"color\":\"blue\"")
        .contains("\"data\":{\"id\":\"b-y-blue\"}");
    RecordingSink.Request binary = sink.delivered("/binary").get(0);
    assertThat(binary.header("ce-id")).isEqualTo("b-y-blue");
    assertThat(binary.header("content-type")).isEqualTo("application/json");
    assertThat(binary.bodyText()).isEqualTo("{\"id\":\"b-y-blue\"}");
  }

  /** The event id of a delivery, in binary or structured mode. */
  private static String idOf(RecordingSink.Request r) {
    if (r.header("ce-id") != null) return r.header("ce-id");
    String body = r.bodyText();
    int i = body.indexOf("\"id\":\"") + 6;
    return body.substring(i, body.indexOf('"', i));
  }

  static {
    // keep the event ids and the expectations in step
    TreeSet<String> ids = new TreeSet<>();
    EXPECTED.values().forEach(ids::addAll);
    if (!EVENTS.keySet().containsAll(ids)) throw new IllegalStateException("unknown id " + ids);
  }
}
