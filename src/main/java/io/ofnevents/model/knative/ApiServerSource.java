package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Kind;
import io.ofnevents.model.KnativeResource;
import io.ofnevents.model.ObjectMeta;
import io.ofnevents.model.Required;
import java.util.List;
import java.util.Map;

/**
 * A Knative ApiServerSource (sources.knative.dev/v1): every change of the Kubernetes objects it
 * watches, as a CloudEvent to its sink.
 */
public record ApiServerSource(
    @Required ObjectMeta metadata,
    @Required ApiServerSourceSpec spec,
    @Doc("Written by the controller; ignored on input.") Object status)
    implements KnativeResource {

  /** `Reference` (the default): the event's data is the object's reference. */
  public static final String REFERENCE = "Reference";

  /** `Resource`: the event's data is the whole object. */
  public static final String RESOURCE = "Resource";

  /**
   * Annotation (ofn-events): `"true"` sends an `add` for every object that exists when the source
   * first starts (Knative sends nothing for them). A restart resumes instead.
   */
  public static final String INITIAL_LIST_ANNOTATION = "ofn-events.io/initial-list";

  /** Knative's annotation that skips the SubjectAccessReview of the source's identity. */
  public static final String SKIP_PERMISSIONS_ANNOTATION =
      "features.knative.dev/apiserversource-skip-permissions-check";

  @Override
  public Kind kind() {
    return Kind.KN_API_SERVER_SOURCE;
  }

  /** The mode, Knative's default (`Reference`) when none is given. */
  public String modeOrDefault() {
    return spec.mode() == null || spec.mode().isEmpty() ? REFERENCE : spec.mode();
  }

  public boolean resourceMode() {
    return RESOURCE.equals(modeOrDefault());
  }

  /** Whether {@link #INITIAL_LIST_ANNOTATION} is `"true"`. */
  public boolean initialList() {
    Map<String, String> a = metadata.annotations();
    return a != null && "true".equals(a.get(INITIAL_LIST_ANNOTATION));
  }

  /** The resources to watch, empty when none are given (a validation error). */
  public List<ApiServerResource> resourcesOrEmpty() {
    return spec == null || spec.resources() == null ? List.of() : spec.resources();
  }

  @Override
  public ApiServerSource withDefaultNamespace(String namespace) {
    return metadata.namespace() != null
        ? this
        : new ApiServerSource(metadata.withNamespace(namespace), spec, status);
  }
}
