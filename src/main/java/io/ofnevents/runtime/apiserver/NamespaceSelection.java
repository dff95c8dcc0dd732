package io.ofnevents.runtime.apiserver;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespaces of the cluster, followed with a fabric8 informer (its cache of the current
 * namespaces is exactly what a `namespaceSelector` needs; no change may be replayed), shared by
 * every source with a selector. Each listener is told its matching namespaces once the informer has
 * synced, then whenever they change.
 */
final class NamespaceSelection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NamespaceSelection.class);

  /** Told the namespaces that match its selector; `first` the first time. */
  interface Listener {
    void selected(Set<String> namespaces, boolean first);
  }

  private record Watcher(Predicate<Map<String, String>> selector, Listener listener) {}

  private final SharedIndexInformer<Namespace> informer;
  private final Map<Listener, Watcher> listeners = new ConcurrentHashMap<>();
  private final Map<Listener, Set<String>> told = new ConcurrentHashMap<>();
  private volatile boolean synced;
  private volatile String problem;

  NamespaceSelection(KubernetesClient client, String apiServer) {
    informer = client.namespaces().runnableInformer(0);
    informer.exceptionHandler(
        (started, t) -> {
          String why =
              "cannot list and watch namespaces on " + apiServer + ": " + WatchProblems.root(t);
          if (!why.equals(problem)) LOG.warn("ApiServerSource namespaces: {}", why);
          problem = why;
          return true; // keep trying: the runtime stays up, readiness says why
        });
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Namespace ns) {
            changed();
          }

          @Override
          public void onUpdate(Namespace before, Namespace after) {
            changed();
          }

          @Override
          public void onDelete(Namespace ns, boolean finalStateUnknown) {
            changed();
          }
        });
    informer
        .start()
        .thenRun(
            () -> {
              synced = true;
              problem = null;
              changed();
            });
  }

  void add(Predicate<Map<String, String>> selector, Listener listener) {
    listeners.put(listener, new Watcher(selector, listener));
    if (synced) tell(listeners.get(listener));
  }

  void remove(Listener listener) {
    listeners.remove(listener);
    told.remove(listener);
  }

  /** Why namespaces are not followed now, else null. */
  String problem() {
    return synced ? null : problem;
  }

  private synchronized void changed() {
    if (!synced) return;
    listeners.values().forEach(this::tell);
  }

  private synchronized void tell(Watcher w) {
    Set<String> matching = new TreeSet<>();
    for (Namespace ns : informer.getStore().list()) {
      // a Terminating namespace stays watched until it is gone: its objects' deletes come first
      if (w.selector().test(ns.getMetadata().getLabels())) matching.add(ns.getMetadata().getName());
    }
    Set<String> before = told.put(w.listener(), matching);
    if (!matching.equals(before)) w.listener().selected(Set.copyOf(matching), before == null);
  }

  @Override
  public void close() {
    informer.stop();
  }
}
