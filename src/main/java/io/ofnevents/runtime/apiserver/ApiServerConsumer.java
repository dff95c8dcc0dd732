package io.ofnevents.runtime.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ofnevents.model.json.Json;
import io.ofnevents.runtime.observe.ConnectionCheck;
import io.ofnevents.runtime.observe.LogContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends one source's changes of one kind through its route, one at a time: each is recorded as
 * delivered only once the route took it (the bus stored it). Subscribes to the shared watch of each
 * namespace it watches; with a `namespaceSelector`, namespaces come and go with their labels.
 * Readiness (`/health/ready`) says what it cannot watch and why.
 */
final class ApiServerConsumer extends DefaultConsumer implements Subscription.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServerConsumer.class);

  private final ApiServerEndpoint endpoint;
  private final WatchOptions o;
  private final Map<String, Subscribed> byNamespace = new ConcurrentHashMap<>();
  private volatile boolean running;
  private ConnectionCheck check;
  private NamespaceSelection.Listener listener;

  private record Subscribed(SharedWatch.Key key, Subscription subscription) {}

  ApiServerConsumer(ApiServerEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
    this.o = endpoint.options();
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    running = true;
    ApiServerComponent component = endpoint.getComponent();
    check =
        ConnectionCheck.register(
            endpoint.getCamelContext(),
            "apiserversource " + o.source() + " " + o.apiVersion() + "/" + o.kind(),
            this::downReason);
    announceIdentity(component);
    if (o.namespace() != null) {
      subscribe(o.namespace(), false);
    } else if (o.allNamespaces()) {
      subscribe(null, false);
    } else {
      listener = this::namespacesSelected;
      try {
        component
            .namespaces()
            .add(io.ofnevents.model.knative.Selectors.parse(o.namespaceSelector()), listener);
      } catch (RuntimeException e) {
        // no connection yet: readiness says so, and the namespaces follow once it opens
        LOG.warn("ApiServerSource {}: cannot follow namespaces: {}", o.source(), e.getMessage());
      }
    }
  }

  /** Says once who watches; standalone, that spec.serviceAccountName is not that identity. */
  private void announceIdentity(ApiServerComponent component) {
    try {
      KubeConnection c = component.connection();
      if (!c.inCluster() && o.serviceAccountName() != null) {
        LOG.warn(
            ApiServerLog.NOT_THE_SERVICE_ACCOUNT, o.source(), o.serviceAccountName(), c.identity());
      } else {
        LOG.info(ApiServerLog.WATCHING_AS, o.source(), o.describe(), c.identity());
      }
    } catch (RuntimeException e) {
      LOG.debug("no API server connection yet: {}", e.getMessage());
    }
  }

  private synchronized void namespacesSelected(Set<String> namespaces, boolean first) {
    if (!running) return;
    for (String ns : List.copyOf(byNamespace.keySet())) {
      if (!namespaces.contains(ns)) unsubscribe(ns);
    }
    for (String ns : namespaces) {
      if (!byNamespace.containsKey(ns)) subscribe(ns, !first);
    }
  }

  private void subscribe(String namespace, boolean joinedLater) {
    ApiServerComponent component = endpoint.getComponent();
    SharedWatch.Key key = new SharedWatch.Key(o.apiVersion(), o.kind(), namespace);
    Subscription s =
        new Subscription(
            o.source(),
            o.labels(),
            o.owner(),
            o.initialList(),
            joinedLater,
            component.store(o, namespace),
            this);
    byNamespace.put(namespace == null ? "" : namespace, new Subscribed(key, s));
    component.subscribe(key, s);
  }

  private void unsubscribe(String namespace) {
    Subscribed s = byNamespace.remove(namespace == null ? "" : namespace);
    if (s != null) endpoint.getComponent().unsubscribe(s.key(), s.subscription());
  }

  /** The namespaces it watches now (`""` for all), as `status.namespaces` shows them. */
  List<String> namespaces() {
    return byNamespace.keySet().stream().sorted().toList();
  }

  private String downReason() {
    ApiServerComponent component = endpoint.getComponent();
    List<String> problems = new ArrayList<>();
    String state = component.stateProblem(o);
    if (state != null) problems.add(state);
    if (listener != null) {
      try {
        String ns = component.namespaces().problem();
        if (ns != null) problems.add(ns);
      } catch (RuntimeException e) {
        problems.add("cannot connect to the API server: " + WatchProblems.root(e));
      }
    }
    problems.addAll(
        component.problems(byNamespace.values().stream().map(Subscribed::key).toList()));
    return problems.isEmpty() ? null : String.join("; ", problems.stream().distinct().toList());
  }

  @Override
  public void deliver(Change change, GenericKubernetesResource object, ResourceType type)
      throws Exception {
    Exchange exchange = createExchange(false);
    try {
      Message m = exchange.getIn();
      var meta = object.getMetadata();
      m.setHeader(ApiServerHeaders.CHANGE, change.word);
      m.setHeader(ApiServerHeaders.API_VERSION, type.apiVersion());
      m.setHeader(ApiServerHeaders.KIND, type.kind());
      m.setHeader(ApiServerHeaders.PLURAL, type.plural());
      m.setHeader(
          ApiServerHeaders.NAMESPACE, meta.getNamespace() == null ? "" : meta.getNamespace());
      m.setHeader(ApiServerHeaders.NAME, meta.getName());
      m.setHeader(ApiServerHeaders.UID, meta.getUid());
      m.setHeader(ApiServerHeaders.RESOURCE_VERSION, meta.getResourceVersion());
      m.setHeader(ApiServerHeaders.API_SERVER, endpoint.getComponent().connection().apiServer());
      m.setBody(json(object));
      getProcessor().process(exchange);
      if (exchange.getException() != null) throw exchange.getException();
    } finally {
      MDC.remove(LogContext.EVENT_ID); // the watch's thread goes on with other changes
      releaseExchange(exchange, false);
    }
  }

  /** The object as the API served it, keys sorted (Go writes an unstructured object so). */
  private static byte[] json(GenericKubernetesResource object) throws Exception {
    Object tree = Json.parse(Serialization.asJson(object));
    return Json.canonical(tree).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean running() {
    return running && isRunAllowed();
  }

  @Override
  protected void doStop() throws Exception {
    running = false;
    ApiServerComponent component = endpoint.getComponent();
    if (listener != null) {
      try {
        component.namespaces().remove(listener);
      } catch (RuntimeException e) {
        LOG.debug("namespaces: {}", e.getMessage());
      }
    }
    for (String ns : List.copyOf(byNamespace.keySet())) unsubscribe(ns.isEmpty() ? null : ns);
    if (check != null) check.unregister();
    super.doStop();
  }
}
