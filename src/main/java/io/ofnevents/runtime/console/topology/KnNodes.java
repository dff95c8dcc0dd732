package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Reference;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KReference;

/** Node ids and destinations shared by the providers of the Knative kinds. */
final class KnNodes {
  private KnNodes() {}

  /** The node id of Broker `ns/name` (drawn by {@link BrokerTopology}). */
  static String broker(String namespace, String name) {
    return "kn-broker:" + namespace + "/" + name;
  }

  /**
   * The node a Knative destination points at: a Broker's node, or a sink node (its URI, or the
   * Service it names, as OpenFunction sinks are drawn).
   */
  static String destination(GraphBuilder graph, Destination d, String namespace) {
    KReference ref = d.ref();
    if (ref != null
        && "eventing.knative.dev".equals(ref.apiGroup())
        && Kind.KN_BROKER.kindName().equals(ref.kind())) {
      return broker(ref.namespace() == null ? namespace : ref.namespace(), ref.name());
    }
    if (ref == null) return graph.sink(new SinkSpec(d.uri(), null), namespace);
    return graph.sink(
        new SinkSpec(
            null,
            new Reference(
                ref.kind(),
                ref.apiVersion() != null ? ref.apiVersion() : ref.group(),
                ref.name(),
                ref.namespace())),
        namespace);
  }
}
