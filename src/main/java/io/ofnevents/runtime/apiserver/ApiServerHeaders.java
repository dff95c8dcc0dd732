package io.ofnevents.runtime.apiserver;

/**
 * The headers our `ofn-apiserver` consumer sets on each change (the body is the object's JSON, keys
 * sorted as Go writes a map); `ofn-kn:apiserver` makes Knative's event of them.
 */
public final class ApiServerHeaders {
  /** `add`, `update` or `delete`. */
  public static final String CHANGE = "OfnK8sChange";

  public static final String API_VERSION = "OfnK8sApiVersion";
  public static final String KIND = "OfnK8sKind";

  /** The kind's plural, as discovery serves it. */
  public static final String PLURAL = "OfnK8sPlural";

  public static final String NAMESPACE = "OfnK8sNamespace";
  public static final String NAME = "OfnK8sName";
  public static final String UID = "OfnK8sUid";
  public static final String RESOURCE_VERSION = "OfnK8sResourceVersion";

  /** The URL of the API server the change was seen on. */
  public static final String API_SERVER = "OfnK8sApiServer";

  /** Every header above, to take them off the exchange once the event is made. */
  public static final String PATTERN = "OfnK8s*";

  private ApiServerHeaders() {}
}
