package io.ofnevents.runtime.parking;

import io.ofnevents.compile.FlowNames;
import io.ofnevents.compile.Names;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parking owners (`ns/owner`, {@link ParkingKey}) of a resource, so that the console and
 * `ofn-events parked --resource` address parked events by the resource a user knows: an
 * OpenFunction Trigger is one owner, a Knative Trigger, PingSource or ApiServerSource one with a
 * prefix, a Sequence two (its steps, its reply) and a Parallel three (filters, subscribers,
 * replies). The reverse is {@link #resourceOf}.
 */
public final class ParkingOwners {
  private ParkingOwners() {}

  /** Every owner `id` may park under; empty for kinds that park nothing. */
  public static List<String> of(ResourceId id) {
    String ns = id.namespace() + "/";
    String n = id.name();
    return switch (id.kind()) {
      case TRIGGER -> List.of(ns + n);
      case KN_TRIGGER -> List.of(ns + Names.knTriggerParkingOwner(n));
      case KN_PING_SOURCE -> List.of(ns + Names.pingParkingOwner(n));
      case KN_API_SERVER_SOURCE -> List.of(ns + Names.apiServerParkingOwner(n));
      case KN_SEQUENCE ->
          List.of(ns + FlowNames.SEQUENCE_OWNER + n, ns + FlowNames.SEQUENCE_REPLY_OWNER + n);
      case KN_PARALLEL ->
          List.of(
              ns + FlowNames.PARALLEL_FILTER_OWNER + n,
              ns + FlowNames.PARALLEL_OWNER + n,
              ns + FlowNames.PARALLEL_REPLY_OWNER + n);
      default -> List.of();
    };
  }

  /** The resource owner `ns/owner` parks for. */
  public static ResourceId resourceOf(String owner) {
    return ParkingKey.parse(owner).resource();
  }

  /**
   * `Kind/namespace/name` as the console and the CLI write a resource (`Kind.group` for the Knative
   * kinds: `Trigger.eventing.knative.dev/ns/name`).
   */
  public static String ref(ResourceId id) {
    return id.kind().displayName()
        + "/"
        + (id.namespace() == null ? "-" : id.namespace())
        + "/"
        + id.name();
  }

  /**
   * The resource `ref` names (`Kind/namespace/name`, as {@link #ref} writes it); the kind may also
   * be given without its group where only one API has it (`Sequence/ns/name`), case aside. Empty
   * when it names no kind.
   */
  public static Optional<ResourceId> parseRef(String ref) {
    String[] parts = ref.split("/", -1);
    if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) return Optional.empty();
    String kind = parts[0].toLowerCase(Locale.ROOT);
    List<Kind> byDisplay =
        Arrays.stream(Kind.values())
            .filter(k -> k.displayName().toLowerCase(Locale.ROOT).equals(kind))
            .toList();
    List<Kind> byName =
        Arrays.stream(Kind.values())
            .filter(k -> k.kindName().toLowerCase(Locale.ROOT).equals(kind))
            .toList();
    Kind k = byDisplay.size() == 1 ? byDisplay.get(0) : byName.size() == 1 ? byName.get(0) : null;
    if (k == null) return Optional.empty();
    return Optional.of(new ResourceId(k, parts[1].equals("-") ? null : parts[1], parts[2]));
  }
}
