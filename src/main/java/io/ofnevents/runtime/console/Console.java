package io.ofnevents.runtime.console;

import com.sun.net.httpserver.HttpHandler;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.console.topology.Edge;
import io.ofnevents.runtime.console.topology.Graph;
import io.ofnevents.runtime.console.topology.Node;
import io.ofnevents.runtime.console.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web console over one {@link ConsoleSource}: the page at `/`, the JSON API at `/api/`. Serve
 * it by registering {@link #page()} and {@link #api()} on a JDK HttpServer (the runtime's
 * management server, the operator's health server).
 */
public final class Console {
  private final ConsoleSource source;
  private final ApiToken token;
  private final Stats stats = new Stats();
  private ConsoleCatalog builtFrom;
  private Graph graph;
  private Redaction redaction;

  /** `token`: whether the management API's writes are on (`/api/parked`), for the page to say. */
  public Console(ConsoleSource source, ApiToken token) {
    this.source = source;
    this.token = token;
  }

  /** The handler of `/`: the page and its scripts. */
  public HttpHandler page() {
    return new StaticFiles();
  }

  /** The handler of `/api/`. */
  public HttpHandler api() {
    return new ConsoleApi(this);
  }

  /** The graph of the current catalog, rebuilt when the source hands out a new one. */
  synchronized Graph graph() {
    ConsoleCatalog c = source.catalog();
    if (c != builtFrom) {
      graph = Topology.of(c.resources().stream().map(ConsoleResource::resource).toList());
      redaction = new Redaction(c.secretValues());
      builtFrom = c;
    }
    return graph;
  }

  synchronized Redaction redaction() {
    graph();
    return redaction;
  }

  Map<String, Object> about() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("actions", token.enabled());
    m.put("parking", ParkedView.of(source.live()).available());
    m.put("running", source.live().running());
    m.put("version", String.valueOf(Console.class.getPackage().getImplementationVersion()));
    return m;
  }

  Map<String, Object> topology() {
    Graph g = graph();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version(g));
    m.put("kinds", g.kinds());
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (Node n : g.nodes()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("id", n.id());
      j.put("kind", n.kind());
      j.put("label", n.label());
      j.put("detail", n.detail());
      j.put("resource", n.resource() == null ? null : ResourceView.ref(n.resource()));
      nodes.add(j);
    }
    List<Map<String, Object>> edges = new ArrayList<>();
    for (Edge e : g.edges()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("id", e.id());
      j.put("source", e.source());
      j.put("target", e.target());
      j.put("label", e.label());
      j.put("resource", e.resource() == null ? null : ResourceView.ref(e.resource()));
      edges.add(j);
    }
    m.put("nodes", nodes);
    m.put("edges", edges);
    return m;
  }

  Map<String, Object> stats() {
    Graph g = graph();
    List<ResourceId> ids =
        source.catalog().resources().stream().map(r -> r.resource().id()).toList();
    LiveState live = source.live();
    Map<String, Object> m =
        stats.read(g, ids, live, ParkedView.of(live), System.currentTimeMillis());
    m.put("topologyVersion", version(g));
    return m;
  }

  List<Map<String, Object>> resources() {
    return source.catalog().resources().stream().map(ResourceView::summary).toList();
  }

  Map<String, Object> detail(ConsoleResource r) throws Exception {
    LiveState live = source.live();
    return ResourceView.detail(r, live, ParkedView.of(live));
  }

  List<Map<String, Object>> events(ConsoleResource r) {
    return ResourceView.events(source.live().events(r.resource().id()));
  }

  /** The resource of `Kind/namespace/name` (`-` as namespace for cluster-scoped ones), or null. */
  ConsoleResource find(String ref) {
    if (ref == null) return null;
    for (ConsoleResource r : source.catalog().resources()) {
      if (ResourceView.ref(r.resource().id()).equals(ref)) return r;
    }
    return null;
  }

  private static String version(Graph g) {
    return Integer.toHexString(
        g.nodes().stream().map(Node::id).toList().hashCode() * 31
            + g.edges().stream().map(Edge::id).toList().hashCode());
  }
}
