package io.ofnevents.model.load;

import io.ofnevents.model.Api;
import io.ofnevents.model.ClusterEventBus;
import io.ofnevents.model.EventBus;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Trigger;
import io.ofnevents.model.knative.ApiServerSource;
import io.ofnevents.model.knative.ApiServerSourceV1alpha1;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.model.knative.Parallel;
import io.ofnevents.model.knative.PingSource;
import io.ofnevents.model.knative.PingSourceV1beta1;
import io.ofnevents.model.knative.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which record each apiVersion of each kind binds to, and how a legacy version becomes the current
 * one. Adding a kind or a version is adding a line here (and its record and rules).
 */
final class ApiKinds {
  /** How one version of a kind is read: its record, and the conversion when it is legacy. */
  record Binding(
      Kind kind,
      String group,
      String version,
      Class<?> type,
      LegacyVersions.Conversion conversion) {
    boolean legacy() {
      return conversion != null;
    }

    /** `v1beta1`, or the whole apiVersion when the group is an old one. */
    String label() {
      return group.equals(kind.group()) ? version : group + "/" + version;
    }
  }

  /**
   * Groups Knative renamed, to the current ones: seed 003's ApiServerSource is
   * sources.eventing.knative.dev/v1alpha1, which became sources.knative.dev in Knative 0.10.
   */
  private static final Map<String, String> RENAMED_GROUPS =
      Map.of("sources.eventing.knative.dev", "sources.knative.dev");

  /**
   * API groups of Kubernetes objects that are not event plumbing (seed 003 ships a ServiceAccount,
   * RBAC and the Knative Service of its event display next to its Broker and Trigger): such
   * documents are skipped with a warning instead of failing the whole input.
   */
  static final Set<String> FOREIGN_GROUPS =
      Set.of(
          "",
          "apps",
          "batch",
          "rbac.authorization.k8s.io",
          "networking.k8s.io",
          "serving.knative.dev");

  private static final Map<Kind, List<Binding>> BINDINGS = new LinkedHashMap<>();

  static {
    current(Kind.EVENT_SOURCE, EventSource.class);
    current(Kind.EVENT_BUS, EventBus.class);
    current(Kind.CLUSTER_EVENT_BUS, ClusterEventBus.class);
    current(Kind.TRIGGER, Trigger.class);
    current(Kind.KN_BROKER, Broker.class);
    legacy(Kind.KN_BROKER, "v1beta1", Broker.class, LegacyVersions::sameSpec);
    current(Kind.KN_TRIGGER, KnTrigger.class);
    legacy(Kind.KN_TRIGGER, "v1beta1", KnTrigger.class, LegacyVersions::defaultBroker);
    legacy(Kind.KN_TRIGGER, "v1alpha1", KnTrigger.class, LegacyVersions::defaultBroker);
    current(Kind.KN_PING_SOURCE, PingSource.class);
    also(Kind.KN_PING_SOURCE, "v1beta2", PingSource.class);
    legacy(Kind.KN_PING_SOURCE, "v1beta1", PingSourceV1beta1.class, LegacyVersions::pingJsonData);
    current(Kind.KN_SEQUENCE, Sequence.class);
    legacy(Kind.KN_SEQUENCE, "v1beta1", Sequence.class, LegacyVersions::sameSpec);
    current(Kind.KN_PARALLEL, Parallel.class);
    legacy(Kind.KN_PARALLEL, "v1beta1", Parallel.class, LegacyVersions::sameSpec);
    current(Kind.KN_API_SERVER_SOURCE, ApiServerSource.class);
    legacy(Kind.KN_API_SERVER_SOURCE, "v1beta1", ApiServerSource.class, LegacyVersions::sameSpec);
    legacy(
        Kind.KN_API_SERVER_SOURCE,
        "v1alpha2",
        ApiServerSourceV1alpha1.class,
        LegacyVersions::apiServerV1alpha1);
    legacy(
        Kind.KN_API_SERVER_SOURCE,
        "v1alpha1",
        ApiServerSourceV1alpha1.class,
        LegacyVersions::apiServerV1alpha1);
    BINDINGS
        .get(Kind.KN_API_SERVER_SOURCE)
        .add(
            new Binding(
                Kind.KN_API_SERVER_SOURCE,
                "sources.eventing.knative.dev",
                "v1alpha1",
                ApiServerSourceV1alpha1.class,
                LegacyVersions::apiServerV1alpha1));
  }

  private ApiKinds() {}

  private static void current(Kind kind, Class<?> type) {
    also(kind, kind.api().version(), type);
  }

  /** Another version Knative still serves with the same schema: read without a warning. */
  private static void also(Kind kind, String version, Class<?> type) {
    BINDINGS
        .computeIfAbsent(kind, k -> new ArrayList<>())
        .add(new Binding(kind, kind.group(), version, type, null));
  }

  private static void legacy(
      Kind kind, String version, Class<?> type, LegacyVersions.Conversion conversion) {
    BINDINGS
        .computeIfAbsent(kind, k -> new ArrayList<>())
        .add(new Binding(kind, kind.group(), version, type, conversion));
  }

  /** The binding of `group/version` of `kind`, if that version is read. */
  static Optional<Binding> binding(Kind kind, String group, String version) {
    return BINDINGS.get(kind).stream()
        .filter(b -> b.group().equals(group) && b.version().equals(version))
        .findFirst();
  }

  /** The group a document's group is read as: itself, or the current name of a renamed one. */
  static String currentGroup(String group) {
    return RENAMED_GROUPS.getOrDefault(group, group);
  }

  /** The binding of the current version. */
  static Binding current(Kind kind) {
    return BINDINGS.get(kind).get(0);
  }

  /** `events.openfunction.io/v1alpha1`, or `sources.knative.dev/v1 (also v1beta2, v1beta1)`. */
  static String versionsOf(Kind kind) {
    List<Binding> all = BINDINGS.get(kind);
    String first = kind.group() + "/" + all.get(0).version();
    if (all.size() == 1) return first;
    return first
        + " (also "
        + all.stream().skip(1).map(Binding::label).collect(Collectors.joining(", "))
        + ")";
  }

  /** The kinds named `name` in any API, the OpenFunction one first. */
  static List<Kind> named(String name) {
    return java.util.Arrays.stream(Kind.values()).filter(k -> k.kindName().equals(name)).toList();
  }

  /** Every kind, grouped by API, for the message about an unknown kind. */
  static String expectedKinds() {
    List<String> parts = new ArrayList<>();
    for (Api api : Api.values()) {
      List<String> names = Kind.of(api).stream().map(Kind::kindName).toList();
      if (names.isEmpty()) continue;
      String list =
          names.size() == 1
              ? names.get(0)
              : String.join(", ", names.subList(0, names.size() - 1))
                  + " or "
                  + names.get(names.size() - 1);
      parts.add(list + " of " + api.apiVersion());
    }
    return String.join("; ", parts);
  }
}
