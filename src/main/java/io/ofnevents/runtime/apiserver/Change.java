package io.ofnevents.runtime.apiserver;

/** What a watch event or a re-list means to one source's view of the objects it watches. */
enum Change {
  ADD("add"),
  UPDATE("update"),
  DELETE("delete");

  /** The word in Knative's event types (`dev.knative.apiserver.ref.add`). */
  final String word;

  Change(String word) {
    this.word = word;
  }

  /** The objects a source saw, by uid: their last resourceVersion, namespace and name. */
  record Entry(String resourceVersion, String namespace, String name) {}

  /**
   * The change an object at `resourceVersion` that now `matches` (or, for `deleted`, is gone) makes
   * to a view that knew it as `known` (null: not in the view); null when none. Seeing an object
   * again at the resourceVersion the view knows is no change: a watch replayed from the resume
   * point (or a server that replays every object at each watch, as the fabric8 mock does) sends
   * nothing twice. An object that stops matching leaves the view: a delete, as the API server's own
   * label-selected watches say.
   */
  static Change of(Entry known, boolean deleted, boolean matches, String resourceVersion) {
    if (deleted) return known == null ? null : DELETE;
    if (known == null) return matches ? ADD : null;
    if (known.resourceVersion().equals(resourceVersion)) return null;
    return matches ? UPDATE : DELETE;
  }
}
