package io.ofnevents.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.runtime.observe.RouteInfo.Role;
import io.ofnevents.testing.Yamls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The metrics labels and the log context come from the descriptions the compiler writes into the
 * routes; this keeps the two in step.
 */
class RouteInfoTest {
  static final String RESOURCES =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default, namespace: team-a}
      spec: {inMemory: {}}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventSource
      metadata: {name: orders-1, namespace: team-a}
      spec:
        eventBus: default
        cron:
          every-minute: {schedule: "@every 1m"}
        kafka:
          placed: {brokers: "k:9092", topic: orders, authRequired: false}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata: {name: watch, namespace: team-a}
      spec:
        eventBus: default
        inputs:
          placed: {eventSource: orders-1, event: placed}
          alsoPlaced: {eventSource: orders-1, event: placed}
          tick: {eventSource: orders-1, event: every-minute}
        subscribers:
          - {condition: placed, sink: {uri: "http://a/"}}
          - {condition: tick && alsoPlaced, topic: both}
      """;

  @Test
  void everyGeneratedRouteNamesItsResource() {
    Bundle bundle =
        Compiler.compile(Yamls.load(RESOURCES).resources(), CompileOptions.standalone("test"));
    Map<String, RouteInfo> byId = new TreeMap<>();
    descriptions(bundle).forEach((id, description) -> byId.put(id, RouteInfo.of(description)));

    assertThat(byId)
        .containsEntry(
            "es-team-a-orders-1-kafka-placed",
            new RouteInfo(Role.EVENTSOURCE_EVENT, "EventSource", "team-a", "orders-1", "placed"))
        .containsEntry(
            "es-team-a-orders-1-cron-every-minute",
            new RouteInfo(
                Role.EVENTSOURCE_EVENT, "EventSource", "team-a", "orders-1", "every-minute"))
        .containsEntry(
            "t-team-a-watch",
            new RouteInfo(Role.TRIGGER_CONDITIONS, "Trigger", "team-a", "watch", null))
        .containsEntry(
            "t-team-a-watch-to-0",
            new RouteInfo(Role.TRIGGER_SUBSCRIBER, "Trigger", "team-a", "watch", "0"));
    assertThat(byId.values())
        .filteredOn(i -> i.role() == Role.TRIGGER_INPUT)
        .extracting(RouteInfo::detail)
        .containsExactlyInAnyOrder("alsoPlaced,placed", "tick");
    assertThat(byId.values()).doesNotContainNull();
  }

  @Test
  void otherRoutesAreNotOurs() {
    assertThat(RouteInfo.of(null)).isNull();
    assertThat(RouteInfo.of("Some route")).isNull();
    assertThat(RouteInfo.of("Trigger a/b: something else")).isNull();
  }

  @Test
  void sinkLabelsDropUserInfoQueryAndFragment() {
    assertThat(SinkMeters.label("https://user:secret@sink.ns.svc:8443/in?token=abc#x"))
        .isEqualTo("https://sink.ns.svc:8443/in");
    assertThat(SinkMeters.label("http://sink/")).isEqualTo("http://sink/");
    assertThat(SinkMeters.label("not a url")).isEqualTo("invalid");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> descriptions(Bundle bundle) {
    Map<String, String> out = new TreeMap<>();
    for (RouteFile file : bundle.routes()) {
      List<Object> routes = new ArrayList<>();
      new Load(LoadSettings.builder().build())
          .loadAllFromString(file.yaml())
          .forEach(doc -> routes.addAll((List<Object>) doc));
      for (Object r : routes) {
        Map<String, Object> route = (Map<String, Object>) ((Map<String, Object>) r).get("route");
        out.put((String) route.get("id"), (String) route.get("description"));
      }
    }
    return out;
  }
}
