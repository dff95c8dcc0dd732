package io.ofnevents.runtime.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.console.topology.Edge;
import io.ofnevents.runtime.console.topology.Graph;
import io.ofnevents.runtime.console.topology.Health;
import io.ofnevents.runtime.console.topology.MeterQuery;
import io.ofnevents.runtime.console.topology.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the topology's counts from the meters when the page asks (never on the event path), keeps
 * the samples of the last minute for rates, and tells each node's state: failing while its routes
 * are not started, its bus is unreachable, or its failure count changed no earlier than its success
 * count, with the last failure's message as the reason.
 */
final class Stats {
  static final long MIN_SPACING_MS = 1_000;
  static final long RATE_WINDOW_MS = 10_000;
  static final long KEEP_MS = 60_000;
  private static final long NEVER = Long.MIN_VALUE;

  private record Sample(long at, Map<MeterQuery, Double> values) {}

  private final Deque<Sample> history = new ArrayDeque<>();
  private final Map<MeterQuery, Double> last = new HashMap<>();
  private final Map<MeterQuery, Long> changedAt = new HashMap<>();

  /** The `/api/stats` answer for `graph` at `now` (epoch ms). */
  synchronized Map<String, Object> read(
      Graph graph, List<ResourceId> resources, LiveState live, ParkedView parked, long now) {
    Map<MeterQuery, Double> values = sample(graph, live.meters(), now);
    Sample base = rateBase(now);
    boolean running = live.running();
    boolean busUp = live.busHealthy();
    Map<String, Object> nodes = new LinkedHashMap<>();
    for (Node n : graph.nodes()) {
      Map<String, Object> s = new LinkedHashMap<>();
      String[] state = running ? state(n, live, busUp) : new String[] {"unknown", null};
      s.put("state", state[0]);
      s.put("reason", state[1]);
      // a resource's parked count is shown on the nodes that stand for all of it (a Trigger's own
      // node, not its subscribers'), as its totals are
      s.put("parked", n.resource() == null || !n.totals() ? null : parked.count(n.resource()));
      s.put("counts", counts(n.counts(), values));
      s.put("rates", rates(n.counts(), values, base, now));
      nodes.put(n.id(), s);
    }
    Map<String, Object> edges = new LinkedHashMap<>();
    Map<String, Object> perResource = new LinkedHashMap<>();
    for (ResourceId id : resources)
      perResource.put(ResourceView.ref(id), summary(id, graph, nodes, running, parked));
    for (Edge e : graph.edges()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("counts", counts(e.counts(), values));
      s.put("rates", rates(e.counts(), values, base, now));
      edges.put(e.id(), s);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("at", now);
    out.put("running", running);
    out.put("busHealthy", busUp);
    out.put("parking", parked.available());
    out.put("resources", perResource);
    out.put("nodes", nodes);
    out.put("edges", edges);
    return out;
  }

  /**
   * A resource's row: the worst state of its nodes (with that node's reason), its parked count and
   * the sum of the counts of its `totals` nodes.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> summary(
      ResourceId id, Graph graph, Map<String, Object> nodes, boolean running, ParkedView parked) {
    String state = running ? "ready" : "unknown";
    String reason = null;
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Node n : graph.nodes()) {
      if (!id.equals(n.resource())) continue;
      Map<String, Object> s = (Map<String, Object>) nodes.get(n.id());
      if ("failing".equals(s.get("state")) && !"failing".equals(state)) {
        state = "failing";
        reason = (String) s.get("reason");
      }
      if (!n.totals()) continue;
      ((Map<String, Object>) s.get("counts"))
          .forEach(
              (k, v) -> {
                if (v instanceof Number num) {
                  Object before = counts.get(k);
                  double sum =
                      num.doubleValue() + (before instanceof Number b ? b.doubleValue() : 0);
                  counts.put(k, number(sum));
                }
              });
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state);
    m.put("reason", reason);
    m.put("parked", parked.count(id));
    m.put("counts", counts);
    return m;
  }

  private String[] state(Node n, LiveState live, boolean busUp) {
    if (n.resource() != null) {
      List<String> problems = live.routeProblems(n.resource());
      if (!problems.isEmpty()) return new String[] {"failing", String.join("; ", problems)};
    }
    Health h = n.health();
    if (h == null) return new String[] {"ready", null};
    if (h.bus() && !busUp) return new String[] {"failing", "bus: unreachable"};
    if (h.failed() == null) return new String[] {"ready", null};
    long failed = changedAt.getOrDefault(n.counts().get(h.failed()), NEVER);
    long ok = h.ok() == null ? NEVER : changedAt.getOrDefault(n.counts().get(h.ok()), NEVER);
    if (failed != NEVER && failed >= ok) {
      Failure f = h.failureKey() == null ? null : live.lastFailure(h.failureKey());
      return new String[] {"failing", f != null ? f.message() : "events are failing"};
    }
    return new String[] {"ready", null};
  }

  private Map<MeterQuery, Double> sample(Graph graph, MeterRegistry registry, long now) {
    Map<MeterQuery, Double> values = new HashMap<>();
    for (Node n : graph.nodes()) n.counts().values().forEach(q -> read(q, registry, values));
    for (Edge e : graph.edges()) e.counts().values().forEach(q -> read(q, registry, values));
    values.forEach(
        (q, v) -> {
          Double before = last.put(q, v);
          if (before == null ? v != null && v > 0 : !before.equals(v)) changedAt.put(q, now);
        });
    if (history.isEmpty() || now - history.peekLast().at() >= MIN_SPACING_MS) {
      history.addLast(new Sample(now, values));
    }
    while (history.size() > 1 && now - history.peekFirst().at() > KEEP_MS) history.removeFirst();
    return values;
  }

  /** The newest sample at least two seconds and at most the rate window old, else the oldest. */
  private Sample rateBase(long now) {
    Sample base = null;
    for (Sample s : history) {
      if (now - s.at() < 2_000) break;
      if (base == null || now - s.at() >= RATE_WINDOW_MS) base = s;
    }
    return base;
  }

  private static void read(MeterQuery q, MeterRegistry registry, Map<MeterQuery, Double> out) {
    if (out.containsKey(q)) return;
    List<Tag> tags = new ArrayList<>();
    q.tags().forEach((k, v) -> tags.add(Tag.of(k, v)));
    Double sum = null;
    for (Meter m : registry.find(q.meter()).tags(tags).meters()) {
      double v = value(m);
      if (Double.isNaN(v)) continue; // a gauge whose server does not answer: unknown
      sum = (sum == null ? 0 : sum) + v;
    }
    out.put(q, sum);
  }

  private static double value(Meter m) {
    if (m instanceof Counter c) return c.count();
    if (m instanceof FunctionCounter c) return c.count();
    if (m instanceof Gauge g) return g.value();
    return Double.NaN;
  }

  private static Map<String, Object> counts(
      Map<String, MeterQuery> queries, Map<MeterQuery, Double> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    queries.forEach((k, q) -> out.put(k, number(values.get(q))));
    return out;
  }

  private static Map<String, Object> rates(
      Map<String, MeterQuery> queries, Map<MeterQuery, Double> values, Sample base, long now) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (base == null) return out;
    double seconds = (now - base.at()) / 1000.0;
    queries.forEach(
        (k, q) -> {
          Double v = values.get(q);
          Double b = base.values().get(q);
          if (v != null && b != null && v >= b) {
            out.put(k, Math.round((v - b) / seconds * 100) / 100.0);
          }
        });
    return out;
  }

  private static Object number(Double v) {
    if (v == null) return null;
    return v == Math.rint(v) ? (Object) v.longValue() : v;
  }
}
