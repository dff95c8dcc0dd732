package io.ofnevents.runtime.console.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.Resource;
import io.ofnevents.model.load.Loaded;
import io.ofnevents.model.load.YamlLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topology drawn from resources alone: shape, shared nodes, and size at 100 resources. */
class TopologyTest {
  static final String BUS =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default}
      spec: {inMemory: {}}
      """;

  @Test
  void hundredResourcesShareTheirTopicsAndSinks() {
    StringBuilder y = new StringBuilder(BUS);
    for (int i = 0; i < 50; i++) {
      y.append(
          """
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: es%1$d}
          spec:
            eventBus: default
            cron: {tick: {schedule: "@every 1s"}}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: t%1$d}
          spec:
            eventBus: default
            inputs:
              a: {eventSource: es%1$d, event: tick}
              b: {eventSource: es%2$d, event: tick}
            subscribers:
              - condition: a && b
                sink: {uri: "http://user:pw@sink:8080/in?token=t"}
          """
              .formatted(i, (i + 1) % 50));
    }
    Graph g = Topology.of(load(y.toString()));
    // 50 events, 50 topics, 50 Triggers, 50 subscribers, one shared sink
    assertThat(g.nodes()).hasSize(201);
    // 50 publish, 100 inputs, 50 conditions, 50 sink edges
    assertThat(g.edges()).hasSize(250);
    assertThat(g.nodes())
        .filteredOn(n -> n.kind().equals("sink"))
        .singleElement()
        .satisfies(n -> assertThat(n.label()).isEqualTo("http://sink:8080/in"));
    assertThat(g.kinds())
        .extracting(NodeKind::name)
        .containsExactly("eventsource-event", "topic", "trigger", "subscriber", "sink");
    assertThat(g.edges())
        .allSatisfy(
            e -> {
              assertThat(g.nodes()).anyMatch(n -> n.id().equals(e.source()));
              assertThat(g.nodes()).anyMatch(n -> n.id().equals(e.target()));
            });
  }

  private static List<Resource> load(String yaml) {
    return YamlLoader.load("t.yaml", yaml, "default").resources().stream()
        .map(Loaded::resource)
        .toList();
  }
}
