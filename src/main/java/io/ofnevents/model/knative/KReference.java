package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Required;
import io.ofnevents.model.Unused;

/** Knative's `KReference`: enough to name another object (a trimmed ObjectReference). */
public record KReference(
    @Required @Doc("Kind of the referent, e.g. Service, Broker, EventBus.") String kind,
    @Doc("Namespace of the referent; defaults to the referring resource's.") String namespace,
    @Required @Doc("Name of the referent.") String name,
    @Doc("API version of the referent, e.g. serving.knative.dev/v1.") String apiVersion,
    @Doc("API group of the referent, instead of apiVersion (Knative's kreference-group feature).")
        String group,
    @Unused("Knative's kreference-mapping address override is not used; the ref is resolved")
        String address) {

  /** The API group named by `apiVersion` (`""` for the core group `v1`), else `group`. */
  public String apiGroup() {
    if (apiVersion != null) {
      int slash = apiVersion.indexOf('/');
      return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
    return group;
  }

  /** This reference with `namespace` filled in when it had none. */
  public KReference withDefaultNamespace(String ns) {
    return namespace != null ? this : new KReference(kind, ns, name, apiVersion, group, address);
  }
}
