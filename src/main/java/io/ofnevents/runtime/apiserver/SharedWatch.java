package io.ofnevents.runtime.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch of a kind in one namespace (or all), shared by every source of the process that watches
 * it (Knative runs a watch per source). Its thread lists, then watches from the last
 * resourceVersion delivered; when the connection drops it watches again from there, and when the
 * API server answers 410 Gone (that version left its watch cache) it lists again and each
 * subscriber's view tells what changed meanwhile. A subscriber joining a running watch makes it
 * list again, which primes the newcomer without disturbing the others (their views see no change).
 */
final class SharedWatch {
  private static final Logger LOG = LoggerFactory.getLogger(SharedWatch.class);

  /** More queued events than this close the watch; it resumes from the last one delivered. */
  static final int QUEUE = 10_000;

  private static final long PAGE = 500;

  /** What is watched, before discovery says what the kind is. */
  record Key(String apiVersion, String kind, String namespace) {
    String describe() {
      return apiVersion
          + " "
          + kind
          + (namespace == null ? " in all namespaces" : " in namespace " + namespace);
    }
  }

  /** The watch cache no longer has the resourceVersion: list again. */
  private static final class Gone extends RuntimeException {
    Gone(String message) {
      super(message, null, false, false);
    }
  }

  private record Event(int generation, Watcher.Action action, GenericKubernetesResource object) {}

  private final Key key;
  private final Supplier<KubeConnection> connection;
  private final WatchMeters meters;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE);
  private volatile boolean running;
  private volatile boolean relist;
  private volatile String problem;
  private volatile Thread thread;
  private volatile Watch watch;
  private volatile int generation;
  private volatile WatcherException closed;
  private volatile boolean closedFlag;
  private volatile boolean overflowed;
  private ResourceType type;
  private String resourceVersion;

  SharedWatch(Key key, Supplier<KubeConnection> connection, WatchMeters meters) {
    this.key = key;
    this.connection = connection;
    this.meters = meters;
  }

  Key key() {
    return key;
  }

  /** Adds a subscriber; a running watch lists again to prime it. */
  void add(Subscription s) {
    subscriptions.add(s);
    if (thread != null) relist = true;
  }

  /** Removes a subscriber; true when none is left (the caller stops the watch). */
  boolean remove(Subscription s) {
    subscriptions.remove(s);
    return subscriptions.isEmpty();
  }

  /** Why this watch sees no changes now, else null. */
  String problem() {
    return problem;
  }

  synchronized void start() {
    if (thread != null) return;
    running = true;
    Thread t = new Thread(this::run, "ofn-apiserver-watch-" + key.kind() + "-" + key.namespace());
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  synchronized void stop() {
    running = false;
    closeWatch();
    Thread t = thread;
    thread = null;
    if (t != null && t != Thread.currentThread()) {
      try {
        // a change being delivered finishes or gives up (its route stops too)
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    Backoff backoff = new Backoff();
    String verb = "discover";
    while (running) {
      try {
        if (type == null) {
          verb = "discover";
          type = connection.get().discover(key.apiVersion(), key.kind());
        }
        verb = "load";
        for (Subscription s : subscriptions) s.load();
        if (resourceVersion == null) resourceVersion = commonSavedVersion();
        if (resourceVersion == null || relist) {
          verb = "list";
          relist = false;
          resourceVersion = list();
        }
        verb = "watch";
        watchUntilClosed(backoff);
      } catch (Gone g) {
        LOG.info(ApiServerLog.GONE, key.describe(), g.getMessage());
        relist = true;
      } catch (RuntimeException | Error e) {
        if (!running) return;
        failed(verb, e, backoff);
      } catch (Exception e) {
        if (!running) return;
        failed(verb, e, backoff);
      }
    }
  }

  private void failed(String verb, Throwable e, Backoff backoff) {
    Duration wait = backoff.next();
    String why =
        WatchProblems.describe(verb, key, type, connection, e)
            + " (next attempt in "
            + wait.toMillis()
            + " ms)";
    if (problem == null || !sameCause(problem, why)) LOG.warn(ApiServerLog.CANNOT_WATCH, why);
    problem = why;
    Backoff.await(wait, () -> running);
  }

  private static boolean sameCause(String a, String b) {
    int i = a.lastIndexOf(" (next attempt");
    int j = b.lastIndexOf(" (next attempt");
    return i > 0 && j > 0 && a.substring(0, i).equals(b.substring(0, j));
  }

  /** The resourceVersion every subscriber saved, if they all saved the same; else null (list). */
  private String commonSavedVersion() {
    String common = null;
    for (Subscription s : subscriptions) {
      if (s.savedVersion() == null) return null;
      if (common != null && !common.equals(s.savedVersion())) return null;
      common = s.savedVersion();
    }
    return common;
  }

  /** Lists every object, page by page, and primes each subscriber; the list's resourceVersion. */
  private String list() {
    List<GenericKubernetesResource> items = new ArrayList<>();
    String token = null;
    String rv = null;
    do {
      GenericKubernetesResourceList page =
          objects().list(new ListOptionsBuilder().withLimit(PAGE).withContinue(token).build());
      if (rv == null) rv = page.getMetadata().getResourceVersion();
      items.addAll(page.getItems());
      token = page.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());
    meters.relisted(key);
    for (Subscription s : subscriptions) {
      try {
        s.prime(items, rv, type);
      } catch (Subscription.Stopped leaving) {
        // its consumer stopped: it is being removed, the others carry on
      }
    }
    problem = null;
    LOG.info(ApiServerLog.LISTED, key.describe(), items.size(), rv);
    return rv;
  }

  private FilterWatchListDeletable<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      objects() {
    var op = connection.get().client().genericKubernetesResources(type.context());
    if (!type.namespaced()) return op;
    // without inAnyNamespace the client would use the kubeconfig context's namespace
    return key.namespace() == null ? op.inAnyNamespace() : op.inNamespace(key.namespace());
  }

  private void watchUntilClosed(Backoff backoff) throws InterruptedException {
    int gen = ++generation;
    queue.clear();
    closedFlag = false;
    closed = null;
    overflowed = false;
    Watcher<GenericKubernetesResource> watcher =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, GenericKubernetesResource object) {
            if (gen != generation) return;
            if (!queue.offer(new Event(gen, action, object))) {
              overflowed = true;
              closedFlag = true;
              closeWatch();
            }
          }

          @Override
          public void onClose() {
            if (gen == generation) closedFlag = true;
          }

          @Override
          public void onClose(WatcherException cause) {
            if (gen != generation) return;
            closed = cause;
            closedFlag = true;
          }
        };
    watch =
        objects()
            .watch(
                new ListOptionsBuilder()
                    .withResourceVersion(resourceVersion)
                    .withAllowWatchBookmarks(true)
                    .build(),
                watcher);
    problem = null;
    backoff.reset();
    LOG.debug("Watching {} from resourceVersion {}", key.describe(), resourceVersion);
    while (running) {
      if (relist) {
        closeWatch();
        return;
      }
      Event e = queue.poll(200, TimeUnit.MILLISECONDS);
      if (e != null) {
        if (e.generation() == gen) dispatch(e);
        continue;
      }
      if (closedFlag) {
        if (!running) return; // stopped: closed by us
        WatcherException cause = closed;
        if (cause != null && cause.isHttpGone()) throw new Gone(cause.getMessage());
        meters.restarted(key);
        LOG.info(
            ApiServerLog.RESUMING,
            key.describe(),
            overflowed ? "more than " + QUEUE + " changes waited" : reason(cause),
            resourceVersion);
        return;
      }
    }
  }

  private void dispatch(Event e) {
    String rv = e.object().getMetadata().getResourceVersion();
    switch (e.action()) {
      case BOOKMARK -> {
        for (Subscription s : subscriptions) s.checkpoint(rv);
      }
      case ADDED, MODIFIED, DELETED -> {
        boolean deleted = e.action() == Watcher.Action.DELETED;
        for (Subscription s : subscriptions) {
          try {
            s.onEvent(e.object(), deleted, type);
          } catch (Subscription.Stopped leaving) {
            // its consumer stopped: it is being removed, the others carry on
          }
        }
      }
      default -> {
        return;
      }
    }
    if (rv != null) resourceVersion = rv;
  }

  private void closeWatch() {
    Watch w = watch;
    watch = null;
    if (w != null) {
      try {
        w.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the watch of {}: {}", key.describe(), e.getMessage());
      }
    }
  }

  private static String reason(WatcherException cause) {
    if (cause == null) return "the API server ended the watch";
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return Objects.requireNonNullElse(root.getMessage(), cause.getMessage());
  }

  /** The subscribers' problems and this watch's, for readiness. */
  List<String> problems() {
    List<String> out = new ArrayList<>();
    String p = problem;
    if (p != null) out.add(p);
    for (Subscription s : subscriptions) {
      if (s.problem() != null) out.add(s.problem());
    }
    return out;
  }
}
