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

  @Test
  void aSequenceAndAParallelAreDrawnStepByStepAndBranchByBranch() {
    Graph g =
        Topology.of(
            load(
                """
                apiVersion: flows.knative.dev/v1
                kind: Sequence
                metadata: {name: seq, namespace: ns}
                spec:
                  steps:
                    - uri: http://svc/a
                    - ref: {apiVersion: flows.knative.dev/v1, kind: Parallel, name: fan}
                  reply: {uri: http://svc/reply}
                  delivery: {deadLetterSink: {uri: http://svc/dl}}
                ---
                apiVersion: flows.knative.dev/v1
                kind: Parallel
                metadata: {name: fan, namespace: ns}
                spec:
                  branches:
                    - filter: {uri: http://svc/f}
                      subscriber: {uri: http://svc/b0}
                      reply: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: b}}
                    - subscriber: {uri: http://svc/b1}
                """));
    assertThat(g.nodes())
        .extracting(Node::id)
        .contains(
            "kn-sequence:ns/seq",
            "kn-sequence:ns/seq:step-0",
            "kn-sequence:ns/seq:step-1",
            "kn-parallel:ns/fan",
            "kn-parallel:ns/fan:branch-0:filter",
            "kn-parallel:ns/fan:branch-1");
    assertThat(g.edges())
        .extracting(Edge::id)
        .contains(
            "kn-sequence:ns/seq->kn-sequence:ns/seq:step-0",
            "kn-sequence:ns/seq:step-0->sink:http://svc/a",
            "kn-sequence:ns/seq:step-0->dl:sink:http://svc/dl",
            // a step that is a Parallel hands its events to the Parallel's node
            "kn-sequence:ns/seq:step-1->kn-parallel:ns/fan",
            "kn-sequence:ns/seq:step-1->reply:sink:http://svc/reply",
            "kn-parallel:ns/fan:branch-0:filter->sink:http://svc/f",
            "kn-parallel:ns/fan:branch-0->reply:kn-broker:ns/b")
        .noneMatch(e -> e.startsWith("kn-parallel:ns/fan:branch-1:filter->sink:"));
    Node step = node(g, "kn-sequence:ns/seq:step-1");
    assertThat(step.counts().get("received"))
        .isEqualTo(
            MeterQuery.of(
                "ofn.kn.sequence.step.events.received",
                "namespace",
                "ns",
                "sequence",
                "seq",
                "step",
                "1"));
    // the flow's failures are its hops' together: namespace and flow only
    assertThat(node(g, "kn-parallel:ns/fan").counts().get("failed"))
        .isEqualTo(
            MeterQuery.of(
                "ofn.kn.parallel.branch.events.failed", "namespace", "ns", "parallel", "fan"));
    // a reply into a Broker is the subscriber's replies, not a hop of its own
    Edge reply =
        g.edges().stream()
            .filter(e -> e.id().equals("kn-parallel:ns/fan:branch-0->reply:kn-broker:ns/b"))
            .findFirst()
            .orElseThrow();
    assertThat(reply.counts().get("delivered").tags()).containsEntry("call", "subscriber");
    assertThat(node(g, "kn-sequence:ns/seq").totals()).isTrue();
    assertThat(step.totals()).isFalse();
  }

  private static Node node(Graph g, String id) {
    return g.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<Resource> load(String yaml) {
    return YamlLoader.load("t.yaml", yaml, "default").resources().stream()
        .map(Loaded::resource)
        .toList();
  }
}
