package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Reference;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.address.Destinations;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KReference;
import java.util.Optional;

/** Node ids and destinations shared by the providers of the Knative kinds. */
final class KnNodes {
  private KnNodes() {}

  /** The node id of Broker `ns/name` (drawn by {@link BrokerTopology}). */
  static String broker(String namespace, String name) {
    return "kn-broker:" + namespace + "/" + name;
  }

  /** The node id of Sequence `ns/name` (drawn by {@link SequenceTopology}). */
  static String sequence(String namespace, String name) {
    return "kn-sequence:" + namespace + "/" + name;
  }

  /** The node id of Parallel `ns/name` (drawn by {@link ParallelTopology}). */
  static String parallel(String namespace, String name) {
    return "kn-parallel:" + namespace + "/" + name;
  }

  /** The node of the Broker, Sequence or Parallel a ref names, whose events stay on the bus. */
  static Optional<String> addressable(Destinations.Ref ref) {
    return Destinations.addressable(ref).map(KnNodes::node);
  }

  private static String node(ResourceId id) {
    return switch (id.kind()) {
      case KN_SEQUENCE -> sequence(id.namespace(), id.name());
      case KN_PARALLEL -> parallel(id.namespace(), id.name());
      default -> broker(id.namespace(), id.name());
    };
  }

  /**
   * The node a Knative destination points at: a Broker's, Sequence's or Parallel's node, or a sink
   * node (its URI, or the Service it names, as OpenFunction sinks are drawn).
   */
  static String destination(GraphBuilder graph, Destination d, String namespace) {
    KReference ref = d.ref();
    if (ref == null) return graph.sink(new SinkSpec(d.uri(), null), namespace);
    Optional<String> node = addressable(Destinations.Ref.of(ref, namespace));
    if (node.isPresent()) return node.get();
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
