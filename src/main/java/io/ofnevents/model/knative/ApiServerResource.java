package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Required;

/** One kind an ApiServerSource watches (Knative's `APIVersionKindSelector`). */
public record ApiServerResource(
    @Required @Doc("API version of the kind, e.g. v1 or apps/v1.") String apiVersion,
    @Required @Doc("The kind, e.g. Pod or Event.") String kind,
    @Doc("Only objects whose labels match.") LabelSelector selector) {

  /** `v1 Event`, `apps/v1 Deployment`: how messages name it. */
  public String describe() {
    return apiVersion + " " + kind;
  }
}
