package io.ofnevents.runtime.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's view of one shared watch: which objects it sees (label selector, owner), which it
 * has told its sink about (by uid, at which resourceVersion), and where it resumes. Every change is
 * delivered before the next is looked at, and recorded only once delivered.
 */
final class Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

  /** Where the changes go: the consumer of the source's route. */
  interface Sink {
    /** Sends one change through the route; throws when the route failed. */
    void deliver(Change change, GenericKubernetesResource object, ResourceType type)
        throws Exception;

    boolean running();
  }

  /** The consumer stopped while a change was being delivered: it is sent again after a restart. */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  private final String source;
  private final Predicate<Map<String, String>> selector;
  private final OwnerFilter owner;
  private final boolean initialList;
  private final boolean joinedLater;
  private final ResumeStore store;
  private final Sink sink;
  private Map<String, Change.Entry> view;
  private String savedVersion;
  private boolean primed;
  private volatile String problem;
  private volatile String storeProblem;

  /**
   * @param initialList announce the objects that exist at the first start (no saved state)
   * @param joinedLater the namespace came into the source's selection while it ran: its objects are
   *     announced, or those created just after the namespace would be missed
   */
  Subscription(
      String source,
      Predicate<Map<String, String>> selector,
      OwnerFilter owner,
      boolean initialList,
      boolean joinedLater,
      ResumeStore store,
      Sink sink) {
    this.source = source;
    this.selector = selector;
    this.owner = owner;
    this.initialList = initialList;
    this.joinedLater = joinedLater;
    this.store = store;
    this.sink = sink;
  }

  String source() {
    return source;
  }

  /** Reads the saved state once; throws while the store cannot be read. */
  void load() throws Exception {
    if (view != null) return;
    ResumeStore.Saved saved = store.load();
    savedVersion = saved.resourceVersion();
    view = new HashMap<>(saved.objects());
  }

  /** The resourceVersion its saved state resumes from, null when there is none. */
  String savedVersion() {
    return savedVersion;
  }

  /** Why its changes are not delivered or saved now, else null. */
  String problem() {
    String p = problem;
    return p != null ? p : storeProblem;
  }

  /** One watch event: the change it makes to the view, delivered, then recorded. */
  void onEvent(GenericKubernetesResource object, boolean deleted, ResourceType type) {
    String uid = object.getMetadata().getUid();
    String rv = object.getMetadata().getResourceVersion();
    Change c = Change.of(view.get(uid), deleted, matches(object), rv);
    if (c != null) {
      apply(c, uid, object, type);
      checkpoint(rv);
    }
    primed = true;
  }

  /**
   * A full list at `resourceVersion` (the first, or after the watch cache expired): the changes
   * between the view and the list, announced unless this is a fresh start, where Knative sends
   * nothing for existing objects (then the view just takes the list).
   */
  void prime(List<GenericKubernetesResource> items, String resourceVersion, ResourceType type) {
    boolean announce = primed || savedVersion != null || initialList || joinedLater;
    Map<String, GenericKubernetesResource> current = new HashMap<>();
    for (GenericKubernetesResource o : items) {
      if (matches(o)) current.put(o.getMetadata().getUid(), o);
    }
    for (Map.Entry<String, Change.Entry> e : Map.copyOf(view).entrySet()) {
      if (current.containsKey(e.getKey())) continue;
      if (announce) apply(Change.DELETE, e.getKey(), stub(e.getKey(), e.getValue(), type), type);
      else record(e.getKey(), null);
    }
    for (Map.Entry<String, GenericKubernetesResource> e : current.entrySet()) {
      String rv = e.getValue().getMetadata().getResourceVersion();
      Change c = Change.of(view.get(e.getKey()), false, true, rv);
      if (c == null) continue;
      if (announce) apply(c, e.getKey(), e.getValue(), type);
      else record(e.getKey(), entry(e.getValue()));
    }
    checkpoint(resourceVersion);
    primed = true;
  }

  /**
   * Every change up to `resourceVersion` is delivered (after a change, a bookmark, a list). Not
   * during a list: its objects come in no order, so only its end is a point to resume from.
   */
  void checkpoint(String resourceVersion) {
    try {
      store.checkpoint(resourceVersion);
      storeProblem = null;
    } catch (Exception e) {
      storeFailed(e);
    }
  }

  private boolean matches(GenericKubernetesResource o) {
    if (!selector.test(o.getMetadata().getLabels())) return false;
    return owner == null || owner.matches(o);
  }

  private void apply(Change c, String uid, GenericKubernetesResource object, ResourceType type) {
    deliver(c, object, type);
    record(uid, c == Change.DELETE ? null : entry(object));
  }

  /** Sends until the route takes it (the bus may be away), or the consumer stops. */
  private void deliver(Change c, GenericKubernetesResource object, ResourceType type) {
    Backoff backoff = new Backoff();
    while (true) {
      if (!sink.running()) throw new Stopped();
      try {
        sink.deliver(c, object, type);
        problem = null;
        return;
      } catch (Exception e) {
        Duration wait = backoff.next();
        String why =
            "cannot send the "
                + c.word
                + " of "
                + type.kind()
                + " "
                + name(object)
                + ": "
                + e.getMessage()
                + " (next attempt in "
                + wait.toMillis()
                + " ms)";
        if (!why.equals(problem)) LOG.warn("ApiServerSource {}: {}", source, why);
        problem = why;
        Backoff.await(wait, sink::running);
      }
    }
  }

  /**
   * The view changes at once; a store that cannot be written is not a reason to stop: the change is
   * delivered, and at worst a restart sends it again, with the same id (the bus keeps one).
   */
  private void record(String uid, Change.Entry entry) {
    if (entry == null) view.remove(uid);
    else view.put(uid, entry);
    try {
      store.record(uid, entry);
      storeProblem = null;
    } catch (Exception e) {
      storeFailed(e);
    }
  }

  private void storeFailed(Exception e) {
    String why = "cannot save where it resumes: " + e.getMessage();
    if (!why.equals(storeProblem)) LOG.warn("ApiServerSource {}: {}", source, why);
    storeProblem = why;
  }

  private static Change.Entry entry(GenericKubernetesResource o) {
    String ns = o.getMetadata().getNamespace();
    return new Change.Entry(
        o.getMetadata().getResourceVersion(), ns == null ? "" : ns, o.getMetadata().getName());
  }

  /**
   * An object that went away while nobody watched, as the view knew it: its reference and last
   * resourceVersion (its last state is not kept).
   */
  private static GenericKubernetesResource stub(String uid, Change.Entry e, ResourceType type) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(type.apiVersion())
        .withKind(type.kind())
        .withNewMetadata()
        .withName(e.name())
        .withNamespace(e.namespace().isEmpty() ? null : e.namespace())
        .withUid(uid)
        .withResourceVersion(e.resourceVersion())
        .endMetadata()
        .build();
  }

  private static String name(GenericKubernetesResource o) {
    String ns = o.getMetadata().getNamespace();
    return (ns == null ? "" : ns + "/") + o.getMetadata().getName();
  }
}
