package io.ofnevents.runtime.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.bus.BusComponent;
import io.ofnevents.runtime.observe.Meters;
import io.ofnevents.runtime.parking.ParkedEvents;
import io.ofnevents.runtime.trigger.ConditionStore;
import io.ofnevents.runtime.trigger.InputState;
import io.ofnevents.runtime.trigger.TriggerComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/** The live state of the routes of one CamelContext (looked up per call: it may not exist yet). */
public final class RuntimeLive implements LiveState {
  private final Supplier<CamelContext> contexts;
  private final EventRecorder recorder;

  public RuntimeLive(Supplier<CamelContext> contexts, EventRecorder recorder) {
    this.contexts = contexts;
    this.recorder = recorder;
  }

  @Override
  public boolean running() {
    CamelContext c = contexts.get();
    return c != null && c.getStatus().isStarted();
  }

  @Override
  public MeterRegistry meters() {
    CamelContext c = contexts.get();
    return c == null ? NONE.meters() : Meters.registry(c);
  }

  @Override
  public List<String> routeProblems(ResourceId id) {
    CamelContext c = contexts.get();
    if (c == null) return List.of("camel: booting");
    List<String> problems = new ArrayList<>();
    // every generated route's description starts with its resource (Names, RouteInfo)
    String prefix = id + ": ";
    for (Route route : c.getRoutes()) {
      if (route.getDescription() == null || !route.getDescription().startsWith(prefix)) continue;
      ServiceStatus s = c.getRouteController().getRouteStatus(route.getRouteId());
      if (s != ServiceStatus.Started) problems.add("route " + route.getRouteId() + ": " + s);
    }
    return problems;
  }

  @Override
  public boolean busHealthy() {
    CamelContext c = contexts.get();
    return c == null || !(c.hasComponent("ofn-bus") instanceof BusComponent b) || b.isHealthy();
  }

  @Override
  public List<RecordedEvent> events(ResourceId id) {
    return recorder.events(id);
  }

  @Override
  public Failure lastFailure(String key) {
    return recorder.lastFailure(key);
  }

  @Override
  public Map<String, InputState> conditionState(ResourceId trigger) throws Exception {
    CamelContext c = contexts.get();
    if (c == null || !(c.hasComponent("ofn-trigger") instanceof TriggerComponent t)) return null;
    ConditionStore store = t.store(trigger.qualifiedName());
    return store == null ? null : store.current();
  }

  @Override
  public ParkedEvents parked() {
    CamelContext c = contexts.get();
    return c == null ? null : new ParkedEvents(c);
  }
}
