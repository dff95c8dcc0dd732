package io.ofnevents.k8s.operator;

import io.ofnevents.compile.FlowNames;
import io.ofnevents.compile.Names;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.Set;

/**
 * Our addressable kinds, those with a `status.address.url`: Brokers, Sequences and Parallels, each
 * served by an ingress route at its own path (Knative's broker-ingress path for a Broker).
 */
final class Addressables {
  private static final Set<Kind> KINDS = Set.of(Kind.KN_BROKER, Kind.KN_SEQUENCE, Kind.KN_PARALLEL);

  private Addressables() {}

  static boolean is(Kind kind) {
    return KINDS.contains(kind);
  }

  /** The ingress path of `id`, e.g. `/{ns}/{broker}` or `/{ns}/sequences/{name}`. */
  static String path(ResourceId id) {
    return switch (id.kind()) {
      case KN_BROKER -> Names.brokerPath(id.namespace(), id.name());
      case KN_SEQUENCE -> FlowNames.sequencePath(id.namespace(), id.name());
      case KN_PARALLEL -> FlowNames.parallelPath(id.namespace(), id.name());
      default -> throw new IllegalArgumentException(id + " is not addressable");
    };
  }
}
