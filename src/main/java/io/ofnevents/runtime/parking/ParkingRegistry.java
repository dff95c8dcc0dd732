package io.ofnevents.runtime.parking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;

/**
 * The parking lots of the Triggers running in one Camel context, by `namespace/name`, for the
 * management API and `ofn-events parked`. Bound in the context's registry on first use, so that
 * neither the runtime host nor Camel K has to install it. Also holds the in-memory lot of buses
 * that store nothing themselves.
 */
public final class ParkingRegistry {
  static final String NAME = "ofnParkingRegistry";

  /** A Trigger's parking subject and the lot it is kept in. */
  public record TriggerLot(String trigger, String subject, ParkingLot lot) {}

  private final Map<String, TriggerLot> triggers = new ConcurrentHashMap<>();
  private final MemoryParkingLot memory = new MemoryParkingLot();

  /** The context's registry, created and bound on first use. */
  public static ParkingRegistry of(CamelContext context) {
    synchronized (ParkingRegistry.class) {
      ParkingRegistry r = context.getRegistry().lookupByNameAndType(NAME, ParkingRegistry.class);
      if (r == null) {
        r = new ParkingRegistry();
        context.getRegistry().bind(NAME, r);
      }
      return r;
    }
  }

  /** Records where `trigger` parks; its input consumers all register the same. */
  public void register(String trigger, String subject, ParkingLot lot) {
    triggers.put(trigger, new TriggerLot(trigger, subject, lot));
  }

  public Optional<TriggerLot> find(String trigger) {
    return Optional.ofNullable(triggers.get(trigger));
  }

  /** Every registered Trigger, by name. */
  public Collection<TriggerLot> all() {
    ArrayList<TriggerLot> all = new ArrayList<>(triggers.values());
    all.sort(Comparator.comparing(TriggerLot::trigger));
    return all;
  }

  /** The lot of buses that keep nothing (in-memory, core NATS). */
  public MemoryParkingLot memory() {
    return memory;
  }
}
