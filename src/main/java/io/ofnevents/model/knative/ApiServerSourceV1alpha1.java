package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.ObjectMeta;
import io.ofnevents.model.Required;
import java.util.List;

/**
 * An ApiServerSource of a removed version (sources.eventing.knative.dev/v1alpha1 of seed 003,
 * sources.knative.dev/v1alpha1 and v1alpha2): only read, and converted to {@link ApiServerSource}
 * by {@code LegacyVersions}. The spec is the union of those versions' fields.
 */
public record ApiServerSourceV1alpha1(
    @Required ObjectMeta metadata, @Required Spec spec, @Doc("Ignored on input.") Object status) {

  /** The old spec: per-resource selectors, `Ref` mode, a sink that may be a flat reference. */
  public record Spec(
      @Required List<Resource> resources,
      String serviceAccountName,
      Sink sink,
      CloudEventOverrides ceOverrides,
      @Doc("v1alpha2: one selector for every resource.") LabelSelector selector,
      APIVersionKind owner,
      @Doc("Ref or Resource (v1alpha1); Reference or Resource (v1alpha2).") String mode) {}

  /** A watched kind, with v1alpha1's per-resource selector, owner filter and controller flag. */
  public record Resource(
      @Required String apiVersion,
      @Required String kind,
      LabelSelector labelSelector,
      Owner controllerSelector,
      @Doc("Send the controlling object's reference instead; dropped by Knative in v1alpha2.")
          Boolean controller) {}

  /** An OwnerReference; only apiVersion and kind were ever used. */
  public record Owner(
      String apiVersion,
      String kind,
      String name,
      String uid,
      Boolean controller,
      Boolean blockOwnerDeletion) {}

  /**
   * A sink as the old versions wrote it: a flat ObjectReference (`apiVersion`, `kind`, `name`), or
   * a Destination with `ref` and `uri`.
   */
  public record Sink(
      String apiVersion, String kind, String name, String namespace, KReference ref, String uri) {
    /** Whether the reference is written flat, as seed 003 does. */
    public boolean flat() {
      return kind != null || name != null || apiVersion != null;
    }
  }
}
