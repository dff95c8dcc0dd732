package io.ofnevents.runtime.apiserver;

import io.ofnevents.compile.Names;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.bus.NatsConnectionKey;
import io.ofnevents.runtime.observe.Meters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;
import org.apache.camel.support.DefaultComponent;

/**
 * `ofn-apiserver:APIVERSION/KIND?source=NS/NAME&...`: the changes of Kubernetes objects, for the
 * ApiServerSources' routes. One connection to the API server per process, one shared watch per kind
 * and namespace (see {@link SharedWatch}), started once the whole context has started so that
 * sources that share a watch resume it together. Camel's own Kubernetes consumers are plain watches
 * of fixed kinds with no resume or re-list, so this component sits on the fabric8 client they are
 * built on instead.
 *
 * <p>Options (`camel.component.ofn-apiserver.*`, which `run --kubeconfig/--context` set):
 * `kubeconfig` (a kubeconfig file instead of fabric8's standard chain), `context` (a context of it
 * other than the current one).
 */
public class ApiServerComponent extends DefaultComponent {
  private String kubeconfig;
  private String context;
  private volatile KubeConnection connection;
  private final Map<SharedWatch.Key, SharedWatch> watches = new HashMap<>();
  private final Map<String, MemoryResumeStore> memory = new ConcurrentHashMap<>();
  private final Map<String, ResumeBucket> buckets = new ConcurrentHashMap<>();
  private NamespaceSelection namespaces;
  private WatchMeters meters;
  private volatile boolean started;

  public String getKubeconfig() {
    return kubeconfig;
  }

  /** A kubeconfig file to connect with, instead of fabric8's standard chain. */
  public void setKubeconfig(String kubeconfig) {
    this.kubeconfig = kubeconfig == null || kubeconfig.isBlank() ? null : kubeconfig;
  }

  public String getContext() {
    return context;
  }

  /** The kubeconfig context to use instead of its current one. */
  public void setContext(String context) {
    this.context = context == null || context.isBlank() ? null : context;
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    return new ApiServerEndpoint(uri, this, WatchOptions.read(uri, remaining, parameters));
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    meters = new WatchMeters(Meters.registry(getCamelContext()));
    getCamelContext()
        .addStartupListener(
            new StartupListener() {
              @Override
              public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                if (alreadyStarted) startWatches(); // a route added to a running context
              }

              @Override
              public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                startWatches();
              }
            });
  }

  private synchronized void startWatches() {
    started = true;
    watches.values().forEach(SharedWatch::start);
  }

  /**
   * The connection, opened at first use; throws while it cannot be (a missing kubeconfig), which
   * the watches report and retry.
   */
  synchronized KubeConnection connection() {
    if (connection == null) connection = KubeConnection.open(kubeconfig, context);
    return connection;
  }

  /** Joins `s` to the watch of `key`, created (and started, once the context is) when new. */
  synchronized void subscribe(SharedWatch.Key key, Subscription s) {
    SharedWatch w = watches.computeIfAbsent(key, k -> new SharedWatch(k, this::connection, meters));
    w.add(s);
    if (started) w.start();
  }

  void unsubscribe(SharedWatch.Key key, Subscription s) {
    SharedWatch last;
    synchronized (this) {
      SharedWatch w = watches.get(key);
      last = w != null && w.remove(s) ? watches.remove(key) : null;
    }
    // outside the lock: its thread may be asking for the connection
    if (last != null) last.stop();
  }

  /** What stops the watches of `keys` from delivering, for readiness. */
  synchronized List<String> problems(List<SharedWatch.Key> keys) {
    List<String> out = new ArrayList<>();
    for (SharedWatch.Key k : keys) {
      SharedWatch w = watches.get(k);
      if (w != null) out.addAll(w.problems());
    }
    return out;
  }

  /** The shared watches of this process, as `v1 Pod in namespace default` (console, tests). */
  public synchronized List<String> watching() {
    return watches.keySet().stream().map(SharedWatch.Key::describe).sorted().toList();
  }

  /** The namespaces informer, started at first use. */
  synchronized NamespaceSelection namespaces() {
    if (namespaces == null) {
      KubeConnection c = connection();
      namespaces = new NamespaceSelection(c.client(), c.apiServer());
    }
    return namespaces;
  }

  /** Where the watch of `o` in `namespace` (null: all) resumes: the bus's KV, else memory. */
  ResumeStore store(WatchOptions o, String namespace) {
    String[] src = o.source().split("/", 2);
    String prefix = Names.apiServerStateKey(src[0], src[1], o.apiVersion(), o.kind(), namespace);
    BusOptions nats = o.state();
    if (nats == null) return memory.computeIfAbsent(prefix, p -> new MemoryResumeStore());
    ResumeBucket bucket =
        buckets.computeIfAbsent(NatsConnectionKey.of(nats), k -> new ResumeBucket(nats));
    return new KvResumeStore(bucket, prefix);
  }

  /** Why the resume state of `o` cannot be reached now, else null. */
  String stateProblem(WatchOptions o) {
    if (o.state() == null) return null;
    ResumeBucket b = buckets.get(NatsConnectionKey.of(o.state()));
    return b == null ? null : b.downReason();
  }

  @Override
  protected void doStop() throws Exception {
    List<SharedWatch> all;
    synchronized (this) {
      all = List.copyOf(watches.values());
      watches.clear();
      started = false;
    }
    all.forEach(SharedWatch::stop);
    if (namespaces != null) namespaces.close();
    namespaces = null;
    buckets.values().forEach(ResumeBucket::close);
    buckets.clear();
    if (connection != null) connection.close();
    connection = null;
    super.doStop();
  }
}
