package io.ofnevents.runtime.parking;

import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.runtime.observe.Meters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations on parked events, for the management API and `ofn-events parked`: list, show,
 * replay (deliver again to the subscriber that failed, through its own delivery route, then remove)
 * and drop. An event is addressed as `namespace/trigger/id`.
 */
public final class ParkedEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ParkedEvents.class);

  /** A parked event of a Trigger. */
  public record Parked(String trigger, ParkedEvent event) {
    /** `namespace/trigger/id`, how the API and the command line address it. */
    public String address() {
      return trigger + "/" + event.id();
    }
  }

  /** A parked event that cannot be delivered again (it could not even be read). */
  public static final class NotReplayableException extends Exception {
    NotReplayableException(String message) {
      super(message, null, false, false);
    }
  }

  /** No such Trigger or event here. */
  public static final class NotFoundException extends Exception {
    NotFoundException(String message) {
      super(message, null, false, false);
    }
  }

  private final CamelContext context;
  private final ParkingRegistry registry;

  public ParkedEvents(CamelContext context) {
    this.context = context;
    this.registry = ParkingRegistry.of(context);
  }

  /** Triggers with a parking lot in this context. */
  public List<String> triggers() {
    return registry.all().stream().map(ParkingRegistry.TriggerLot::trigger).toList();
  }

  /** Whether `trigger` (`namespace/name`) parks its events here. */
  public boolean parksHere(String trigger) {
    return registry.find(trigger).isPresent();
  }

  /** The owners of `resource` ({@link ParkingOwners}) that park here; empty when none does. */
  public List<String> owners(ResourceId resource) {
    return ParkingOwners.of(resource).stream().filter(this::parksHere).toList();
  }

  /** How many events the owners of `resource` have parked here; null when none parks here. */
  public Long count(ResourceId resource) throws Exception {
    List<String> owners = owners(resource);
    if (owners.isEmpty()) return null;
    long n = 0;
    for (String o : owners) n += count(o);
    return n;
  }

  /** Up to `limit` parked events of the owners of `resource`, each owner's oldest first. */
  public List<Parked> list(ResourceId resource, int limit) throws Exception {
    List<String> owners = owners(resource);
    if (owners.isEmpty()) {
      throw new NotFoundException("no " + resource + " parks events here");
    }
    List<Parked> out = new ArrayList<>();
    for (String o : owners) {
      if (out.size() >= limit) break;
      out.addAll(list(o, limit - out.size()));
    }
    return out;
  }

  /** How many events `trigger` has parked. */
  public long count(String trigger) throws Exception {
    ParkingRegistry.TriggerLot t =
        registry
            .find(trigger)
            .orElseThrow(() -> new NotFoundException("no Trigger " + trigger + " runs here"));
    return t.lot().count(t.subject());
  }

  /** Up to `limit` parked events of `trigger` (every Trigger when null), oldest first. */
  public List<Parked> list(String trigger, int limit) throws Exception {
    List<Parked> out = new ArrayList<>();
    for (ParkingRegistry.TriggerLot t : registry.all()) {
      if (trigger != null && !trigger.equals(t.trigger())) continue;
      for (ParkedEvent e : t.lot().list(t.subject(), 0, limit - out.size())) {
        out.add(new Parked(t.trigger(), e));
      }
      if (out.size() >= limit) break;
    }
    if (trigger != null && registry.find(trigger).isEmpty()) {
      throw new NotFoundException("no Trigger " + trigger + " runs here");
    }
    return out;
  }

  public Parked get(String address) throws Exception {
    Address a = Address.parse(address);
    ParkingRegistry.TriggerLot t = lot(a);
    ParkedEvent e =
        t.lot()
            .get(t.subject(), a.id())
            .orElseThrow(() -> new NotFoundException("no parked event " + address));
    return new Parked(a.trigger(), e);
  }

  /**
   * Delivers the event again to the subscriber that failed it (only that one), then removes it;
   * throws with the failure and keeps it parked when the delivery fails again.
   */
  public void replay(String address) throws Exception {
    Parked p = get(address);
    Address a = Address.parse(address);
    if (p.event().subscriber() == ParkedEvent.UNREADABLE) {
      throw new NotReplayableException(
          "parked event "
              + address
              + " could not be read as a CloudEvent, so no subscriber can have it; publish it"
              + " again, corrected, and drop this one");
    }
    ParkingKey key = ParkingKey.parse(a.trigger());
    String direct = key.delivery(p.event().subscriber());
    if (context.hasEndpoint(direct) == null) {
      throw new NotFoundException(
          key.describe() + " has no subscriber " + p.event().subscriber() + " any more");
    }
    Exchange exchange = new DefaultExchange(context);
    replayHeaders(p.event()).forEach(exchange.getIn()::setHeader);
    exchange.getIn().setBody(p.event().body());
    try (ProducerTemplate template = context.createProducerTemplate()) {
      template.send(direct, exchange);
    }
    if (exchange.getException() != null) throw exchange.getException();
    lot(a).lot().remove(lot(a).subject(), a.id());
    String[] meter = key.replayedMeter(p.event().subscriber());
    Meters.counter(
            meters(),
            meter[0],
            "Parked events delivered again by `ofn-events parked replay`",
            Arrays.copyOfRange(meter, 1, meter.length))
        .increment();
    LOG.info(LogLines.REPLAYED, p.event().eventId(), p.event().subscriber(), a.trigger());
  }

  /** Removes the event for good. */
  public void drop(String address) throws Exception {
    Address a = Address.parse(address);
    ParkingRegistry.TriggerLot t = lot(a);
    if (!t.lot().remove(t.subject(), a.id())) {
      throw new NotFoundException("no parked event " + address);
    }
    LOG.info("Parked event {} of Trigger {} dropped", a.id(), a.trigger());
  }

  /** The error and parking extensions: they describe the parking, not the event. */
  static boolean isParkingAttribute(String header) {
    return header.equals(CloudEventHeaders.ERROR_CODE)
        || header.equals(CloudEventHeaders.ERROR_DEST)
        || header.equals(CloudEventHeaders.ERROR_DATA)
        || header.equals(ParkedEvent.SUBSCRIBER)
        || header.equals(ParkedEvent.SUBJECT);
  }

  private ParkingRegistry.TriggerLot lot(Address a) throws NotFoundException {
    return registry
        .find(a.trigger())
        .orElseThrow(() -> new NotFoundException("no Trigger " + a.trigger() + " runs here"));
  }

  private MeterRegistry meters() {
    return Meters.registry(context);
  }

  /** `namespace/name/id`; Kubernetes names contain no '/'. */
  record Address(String namespace, String name, long id) {
    String trigger() {
      return namespace + "/" + name;
    }

    static Address parse(String address) throws NotFoundException {
      String[] parts = address.split("/");
      if (parts.length != 3 || !parts[2].matches("\\d{1,18}")) {
        throw new NotFoundException(
            "\"" + address + "\" is not a parked event (namespace/trigger/id)");
      }
      return new Address(parts[0], parts[1], Long.parseLong(parts[2]));
    }
  }

  /** The event as it was before it was parked. */
  private static Map<String, String> replayHeaders(ParkedEvent e) {
    Map<String, String> h = new LinkedHashMap<>(e.headers());
    h.keySet().removeIf(ParkedEvents::isParkingAttribute);
    return h;
  }
}
