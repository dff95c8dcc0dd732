package io.ofnevents.k8s.camelk;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.Map;
import java.util.TreeMap;

/** Labels and annotations ofn-events puts on what it generates, so it can find its own objects. */
public final class Labels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "ofn-events";
  public static final String EVENT_SOURCE = Kind.GROUP + "/eventsource";
  public static final String TRIGGER = Kind.GROUP + "/trigger";
  public static final String GENERATED_FROM = Kind.GROUP + "/generated-from";

  /** The Camel release an Integration was generated for (see docs/kubernetes.md, Camel K). */
  public static final String CAMEL_VERSION = Kind.GROUP + "/camel-version";

  private Labels() {}

  /** Labels of the objects generated for `owner` (null: shared objects such as Kamelets). */
  public static Map<String, String> of(ResourceId owner) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(MANAGED_BY, MANAGER);
    if (owner != null) {
      labels.put(owner.kind() == Kind.EVENT_SOURCE ? EVENT_SOURCE : TRIGGER, owner.name());
    }
    return labels;
  }
}
