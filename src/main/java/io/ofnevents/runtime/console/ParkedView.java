package io.ofnevents.runtime.console;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.parking.ParkedApi;
import io.ofnevents.runtime.parking.ParkedEvents;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Triggers' parked events as the console shows them, read from the parking of the routes that
 * run here ({@link ParkedEvents}): a count per Trigger for `/api/stats`, the list of a Trigger's
 * panel. Replay and drop are `/api/parked`'s. A count is a request to the bus (JetStream), so none
 * is asked while the bus is unreachable (each would wait for its timeout on a thread that also
 * answers the health probes), and each Trigger is counted once per read.
 */
final class ParkedView {
  private static final Logger LOG = LoggerFactory.getLogger(ParkedView.class);
  static final int SHOWN = 50;

  private final ParkedEvents parked;
  private final boolean busUp;
  private final Map<ResourceId, Long> counts = new HashMap<>();

  private ParkedView(ParkedEvents parked, boolean busUp) {
    this.parked = parked;
    this.busUp = busUp;
  }

  /** A view for one answer; counts are kept for its duration only. */
  static ParkedView of(LiveState live) {
    return new ParkedView(live.running() ? live.parked() : null, live.busHealthy());
  }

  /** Whether any Trigger parks its events in this process's routes. */
  boolean available() {
    return parked != null && !parked.triggers().isEmpty();
  }

  /**
   * How many events `id` has parked; null when not known (not a Trigger running here, bus down).
   */
  Long count(ResourceId id) {
    if (counts.containsKey(id)) return counts.get(id);
    Long n = null;
    String trigger = trigger(id);
    if (trigger != null && busUp) {
      try {
        n = parked.count(trigger);
      } catch (Exception e) {
        LOG.debug("Cannot count the parked events of {}: {}", id, e.toString());
      }
    }
    counts.put(id, n);
    return n;
  }

  /** `{available, count, events}` of a resource's panel, the events as `/api/parked` lists them. */
  Map<String, Object> detail(ResourceId id) throws Exception {
    String trigger = trigger(id);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("available", trigger != null);
    p.put("count", count(id));
    List<Object> events =
        trigger == null || !busUp
            ? List.of()
            : parked.list(trigger, SHOWN).stream()
                .map(e -> (Object) ParkedApi.item(e, false))
                .toList();
    p.put("events", events);
    return p;
  }

  /** `namespace/name` of a Trigger that parks here, else null. */
  private String trigger(ResourceId id) {
    if (parked == null || id.kind() != Kind.TRIGGER) return null;
    String t = id.qualifiedName();
    return parked.parksHere(t) ? t : null;
  }
}
