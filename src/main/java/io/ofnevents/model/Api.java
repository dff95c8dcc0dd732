package io.ofnevents.model;

/**
 * The API groups whose kinds ofn-events runs, each with the version it stores and serves first.
 * OpenFunction Events is the original API; the Knative groups came with the Knative kinds.
 */
public enum Api {
  OPENFUNCTION("events.openfunction.io", "v1alpha1"),
  KNATIVE_EVENTING("eventing.knative.dev", "v1"),
  KNATIVE_SOURCES("sources.knative.dev", "v1"),
  KNATIVE_FLOWS("flows.knative.dev", "v1");

  private final String group;
  private final String version;

  Api(String group, String version) {
    this.group = group;
    this.version = version;
  }

  public String group() {
    return group;
  }

  /** The current version: the one CRDs store and `kubectl get -o yaml` shows. */
  public String version() {
    return version;
  }

  public String apiVersion() {
    return group + "/" + version;
  }

  /** Whether kinds of this API are named `Kind.group` in messages (all but OpenFunction's). */
  public boolean qualifiedInMessages() {
    return this != OPENFUNCTION;
  }
}
