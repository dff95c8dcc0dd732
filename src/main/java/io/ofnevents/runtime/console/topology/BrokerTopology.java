package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.runtime.observe.Meters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Knative Broker: one node (its ingress and its subject), counting what the ingress accepted and
 * refused; it fails while its bus cannot store events. Triggers, PingSources and OpenFunction
 * resources draw their edges to and from it.
 */
final class BrokerTopology implements TopologyProvider {
  static final NodeKind BROKER = new NodeKind("kn-broker", "Broker", "barrel", "#3a7ca5");

  @Override
  public Kind kind() {
    return Kind.KN_BROKER;
  }

  @Override
  public List<NodeKind> nodeKinds() {
    return List.of(BROKER);
  }

  @Override
  public void draw(Resource resource, GraphBuilder graph) {
    Broker b = (Broker) resource;
    String[] tags = {"namespace", b.namespace(), "broker", b.name()};
    Map<String, MeterQuery> counts = new LinkedHashMap<>();
    counts.put("received", MeterQuery.of(Meters.KN_BROKER_ACCEPTED, tags));
    counts.put("refused", MeterQuery.of(Meters.KN_BROKER_REFUSED, tags));
    counts.put(
        "failed",
        MeterQuery.of(
            Meters.KN_BROKER_REFUSED,
            "namespace",
            b.namespace(),
            "broker",
            b.name(),
            "reason",
            "unavailable"));
    counts.put("ttlExhausted", MeterQuery.of(Meters.KN_BROKER_TTL_EXHAUSTED, tags));
    graph.node(
        new Node(
            KnNodes.broker(b.namespace(), b.name()),
            BROKER.name(),
            b.name(),
            b.id() + ": POST /" + b.namespace() + "/" + b.name(),
            b.id(),
            counts,
            new Health("received", "failed", b.id().toString(), true),
            true));
  }
}
