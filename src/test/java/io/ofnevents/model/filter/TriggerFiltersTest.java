package io.ofnevents.model.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter semantics of Knative Triggers, table-driven: the routing matrix of the conformance
 * tests (reference §8 item 5), the new filters (item 13) and CESQL, each case an expression as the
 * generated route carries it, an event, and whether it passes.
 */
class TriggerFiltersTest {
  /** An event of type `t`, source `s`, with extension `ext=x`. */
  static final Map<String, String> EVENT =
      Map.of("specversion", "1.0", "id", "1", "type", "t", "source", "s", "ext", "x");

  static Stream<Arguments> cases() {
    return Stream.of(
        // item 5: "" matches any value of type/source/extension; equal matches; mismatch does not
        row("{}", EVENT, true),
        row("{\"filter\":{}}", EVENT, true),
        row("{\"filter\":{\"attributes\":{}}}", EVENT, true),
        row("{\"filter\":{\"attributes\":{\"type\":\"\"}}}", EVENT, true),
        row("{\"filter\":{\"attributes\":{\"source\":\"\"}}}", EVENT, true),
        row("{\"filter\":{\"attributes\":{\"ext\":\"\"}}}", EVENT, true),
        row("{\"filter\":{\"attributes\":{\"type\":\"t\",\"source\":\"s\"}}}", EVENT, true),
        row("{\"filter\":{\"attributes\":{\"ext\":\"x\"}}}", EVENT, true),
        row("{\"filter\":{\"attributes\":{\"type\":\"T\"}}}", EVENT, false),
        row("{\"filter\":{\"attributes\":{\"type\":\"t\",\"source\":\"other\"}}}", EVENT, false),
        row("{\"filter\":{\"attributes\":{\"ext\":\"y\"}}}", EVENT, false),
        row("{\"filter\":{\"attributes\":{\"missing\":\"\"}}}", EVENT, false),
        row("{\"filter\":{\"attributes\":{\"subject\":\"\"}}}", EVENT, false),
        // item 13: each dialect
        row("{\"filters\":[{\"exact\":{\"type\":\"t\"}}]}", EVENT, true),
        row("{\"filters\":[{\"exact\":{\"type\":\"tt\"}}]}", EVENT, false),
        row("{\"filters\":[{\"prefix\":{\"type\":\"t\"}}]}", Map.of("type", "tx"), true),
        row("{\"filters\":[{\"prefix\":{\"type\":\"x\"}}]}", Map.of("type", "tx"), false),
        row("{\"filters\":[{\"suffix\":{\"source\":\"s\"}}]}", Map.of("source", "/a/s"), true),
        row("{\"filters\":[{\"suffix\":{\"source\":\"a\"}}]}", Map.of("source", "/a/s"), false),
        row(
            "{\"filters\":[{\"all\":[{\"exact\":{\"type\":\"t\"}},{\"exact\":{\"source\":\"s\"}}]}]}",
            EVENT,
            true),
        row(
            "{\"filters\":[{\"all\":[{\"exact\":{\"type\":\"t\"}},{\"exact\":{\"source\":\"z\"}}]}]}",
            EVENT,
            false),
        row(
            "{\"filters\":[{\"any\":[{\"exact\":{\"type\":\"z\"}},{\"exact\":{\"source\":\"s\"}}]}]}",
            EVENT,
            true),
        row(
            "{\"filters\":[{\"any\":[{\"exact\":{\"type\":\"z\"}},{\"not\":{\"exact\":{\"type\":\"t\"}}}]}]}",
            EVENT,
            false),
        row(
            "{\"filters\":[{\"any\":[{\"exact\":{\"type\":\"z\"}},{\"not\":{\"exact\":{\"type\":\"q\"}}}]}]}",
            EVENT,
            true),
        row("{\"filters\":[{\"not\":{\"exact\":{\"type\":\"t\"}}}]}", EVENT, false),
        // top-level list ANDed; missing extension fails; filters replaces filter
        row(
            "{\"filters\":[{\"exact\":{\"type\":\"t\"}},{\"exact\":{\"source\":\"s\"}}]}",
            EVENT,
            true),
        row(
            "{\"filters\":[{\"exact\":{\"type\":\"t\"}},{\"exact\":{\"source\":\"z\"}}]}",
            EVENT,
            false),
        row("{\"filters\":[{\"exact\":{\"nope\":\"x\"}}]}", EVENT, false),
        row("{\"filters\":[{\"prefix\":{\"nope\":\"x\"}}]}", EVENT, false),
        // Knative skips an element it cannot build: an empty value matches every event
        row("{\"filters\":[{\"exact\":{\"type\":\"\"}}]}", Map.of("type", "anything"), true),
        // datamediatype, schemaurl and the time text as Knative's SDK gives them
        row(
            "{\"filters\":[{\"exact\":{\"datamediatype\":\"application/json\"}}]}",
            Map.of("datacontenttype", "Application/JSON; charset=utf-8"),
            true),
        row(
            "{\"filters\":[{\"exact\":{\"dataschema\":\"http://s/\"}}]}",
            Map.of("schemaurl", "http://s/"),
            true),
        row(
            "{\"filters\":[{\"exact\":{\"time\":\"2020-01-01T10:00:00.5Z\"}}]}",
            Map.of("time", "2020-01-01T11:00:00.500+01:00"),
            true),
        // CESQL: true, false, evaluation error (missing attribute) = no match, functions, LIKE
        row("{\"filters\":[{\"cesql\":\"type = 't' AND source = 's'\"}]}", EVENT, true),
        row("{\"filters\":[{\"cesql\":\"type = 'x'\"}]}", EVENT, false),
        row("{\"filters\":[{\"cesql\":\"missing = 'x'\"}]}", EVENT, false),
        row("{\"filters\":[{\"cesql\":\"EXISTS ext AND ext = 'x'\"}]}", EVENT, true),
        row(
            "{\"filters\":[{\"cesql\":\"source LIKE '/apis/%/pingsources/%'\"}]}",
            Map.of("source", "/apis/v1/namespaces/default/pingsources/p"), true),
        row("{\"filters\":[{\"cesql\":\"UPPER(type) = 'T'\"}]}", EVENT, true),
        row("{\"filters\":[{\"cesql\":\"type IN ('a', 't')\"}]}", EVENT, true),
        row("{\"filters\":[{\"cesql\":\"NOT EXISTS subject\"}]}", EVENT, true));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @MethodSource("cases")
  void filterDecidesAsKnative(String expression, Map<String, String> event, boolean passes) {
    assertThat(TriggerFilters.compile(expression).test(attributes(event)).passes())
        .isEqualTo(passes);
  }

  @org.junit.jupiter.api.Test
  void theRouteExpressionIsTheCanonicalJsonOfTheFilterInForce() {
    var exact =
        new io.ofnevents.model.knative.SubscriptionsApiFilter(
            null, null, null, Map.of("type", "t", "source", "s"), null, null, null);
    var attrs = new io.ofnevents.model.knative.TriggerFilter(Map.of("type", "x"));
    assertThat(TriggerFilters.expression(attrs, java.util.List.of(exact)))
        .isEqualTo("{\"filters\":[{\"exact\":{\"source\":\"s\",\"type\":\"t\"}}]}");
    assertThat(TriggerFilters.expression(attrs, java.util.List.of()))
        .isEqualTo("{\"filter\":{\"attributes\":{\"type\":\"x\"}}}");
    assertThat(TriggerFilters.expression(null, null)).isEqualTo("{}");
  }

  @org.junit.jupiter.api.Test
  void aCesqlSyntaxErrorNamesItsColumn() {
    var bad =
        new io.ofnevents.model.knative.SubscriptionsApiFilter(
            null, null, null, null, null, null, "type = = 'x'");
    assertThat(TriggerFilters.check(null, java.util.List.of(bad)))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.path()).isEqualTo("spec.filters[0].cesql");
              assertThat(i.message()).startsWith("CESQL syntax error at column 8: ");
            });
  }

  private static Arguments row(String expression, Map<String, String> event, boolean passes) {
    return Arguments.of(expression, event, passes);
  }

  static EventAttributes attributes(Map<String, String> values) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    return new EventAttributes() {
      @Override
      public Optional<String> get(String name) {
        return Optional.ofNullable(copy.get(name));
      }

      @Override
      public Set<String> extensionNames() {
        return Set.of("ext");
      }
    };
  }
}
