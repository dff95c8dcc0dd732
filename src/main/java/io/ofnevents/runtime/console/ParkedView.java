package io.ofnevents.runtime.console;

import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.parking.ParkedApi;
import io.ofnevents.runtime.parking.ParkedEvents;
import io.ofnevents.runtime.parking.ParkingOwners;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parked events as the console shows them, per resource, read from the parking of the routes
 * that run here ({@link ParkedEvents}): an OpenFunction or Knative Trigger, a PingSource, an
 * ApiServerSource, or a Sequence or Parallel (all its hops, {@link ParkingOwners}). A count per
 * resource for `/api/stats`, the list of a resource's panel; replay and drop are `/api/parked`'s. A
 * count is a request to the bus (JetStream), so none is asked while the bus is unreachable (each
 * would wait for its timeout on a thread that also answers the health probes), and each resource is
 * counted once per read.
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

  /** Whether any resource parks its events in this process's routes. */
  boolean available() {
    return parked != null && !parked.triggers().isEmpty();
  }

  /** How many events `id` has parked; null when not known (it parks nothing here, bus down). */
  Long count(ResourceId id) {
    if (counts.containsKey(id)) return counts.get(id);
    Long n = null;
    if (parksHere(id) && busUp) {
      try {
        n = parked.count(id);
      } catch (Exception e) {
        LOG.debug("Cannot count the parked events of {}: {}", id, e.toString());
      }
    }
    counts.put(id, n);
    return n;
  }

  /** `{available, count, events}` of a resource's panel, the events as `/api/parked` lists them. */
  Map<String, Object> detail(ResourceId id) throws Exception {
    boolean here = parksHere(id);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("available", here);
    p.put("count", count(id));
    List<Object> events =
        !here || !busUp
            ? List.of()
            : parked.list(id, SHOWN).stream().map(e -> (Object) ParkedApi.item(e, false)).toList();
    p.put("events", events);
    return p;
  }

  private boolean parksHere(ResourceId id) {
    return parked != null && !parked.owners(id).isEmpty();
  }
}
