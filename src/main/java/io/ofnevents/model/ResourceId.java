package io.ofnevents.model;

/** Identity of a resource: kind, namespace (null for cluster-scoped kinds) and name. */
public record ResourceId(Kind kind, String namespace, String name)
    implements Comparable<ResourceId> {

  /**
   * `Kind ns/name`, or `Kind name` for cluster-scoped kinds, as used in messages; kinds of the
   * Knative APIs are written `Kind.group` ({@link Kind#displayName()}).
   */
  @Override
  public String toString() {
    return kind.displayName() + " " + qualifiedName();
  }

  public String qualifiedName() {
    return namespace == null ? String.valueOf(name) : namespace + "/" + name;
  }

  @Override
  public int compareTo(ResourceId o) {
    int c = kind.compareTo(o.kind);
    if (c != 0) return c;
    c = String.valueOf(namespace).compareTo(String.valueOf(o.namespace));
    return c != 0 ? c : String.valueOf(name).compareTo(String.valueOf(o.name));
  }
}
