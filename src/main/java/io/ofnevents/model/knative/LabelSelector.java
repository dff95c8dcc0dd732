package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import java.util.List;
import java.util.Map;

/** A Kubernetes label selector; every part must hold, and an empty selector matches everything. */
public record LabelSelector(
    @Doc("Label name to the value it must have.") Map<String, String> matchLabels,
    @Doc("Requirements on labels (In, NotIn, Exists, DoesNotExist).")
        List<LabelSelectorRequirement> matchExpressions) {

  /** Whether it has neither labels nor expressions (`{}`: everything). */
  public boolean isEmpty() {
    return (matchLabels == null || matchLabels.isEmpty())
        && (matchExpressions == null || matchExpressions.isEmpty());
  }
}
