package io.ofnevents.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.ParkingBundle;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.runtime.bus.BusEndpoint;
import io.ofnevents.runtime.parking.ParkedApi;
import io.ofnevents.runtime.parking.ParkedEvents;
import io.ofnevents.runtime.parking.ParkingOwners;
import io.ofnevents.runtime.parking.ParkingRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `ofn-events parked PATH...`: parked events straight from a JetStream bus, without the Trigger's
 * runtime. Runs the Triggers' delivery routes (nothing that consumes) in this process, so a replay
 * delivers with the subscriber's own sink, retries and dead letter, as the runtime would.
 */
final class LocalParked implements ParkedClient {
  private final OfnRuntime runtime;
  private final ParkedEvents parked;

  private LocalParked(OfnRuntime runtime) {
    this.runtime = runtime;
    this.parked = new ParkedEvents(runtime.context());
  }

  /** Starts the delivery routes and opens each Trigger's parking subject on its bus. */
  static LocalParked start(ParkingBundle bundle, Map<String, String> properties, PrintWriter err)
      throws Exception {
    OfnRuntime runtime =
        new OfnRuntime(
            bundle.deliveries(),
            new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, properties));
    try {
      runtime.start();
      ParkingRegistry registry = ParkingRegistry.of(runtime.context());
      for (Map.Entry<ResourceId, String> e : bundle.parkingEndpoints().entrySet()) {
        ResourceId id = e.getKey();
        String trigger = id.namespace() + "/" + id.name();
        BusEndpoint bus = runtime.context().getEndpoint(e.getValue(), BusEndpoint.class);
        if (!bus.keepsParkedEvents()) {
          err.println(
              "Trigger "
                  + trigger
                  + ": its bus keeps no parked events (in-memory or core NATS), the runtime"
                  + " running it does: use --runtime-url");
          continue;
        }
        registry.register(
            trigger, Names.triggerParked(id.namespace(), id.name()), bus.parkingLot());
      }
      return new LocalParked(runtime);
    } catch (Exception e) {
      runtime.close();
      throw e;
    }
  }

  @Override
  public List<JsonNode> list(String trigger, int limit) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (ParkedEvents.Parked p : call(() -> parked.list(trigger, limit))) {
      out.add(ParkedApi.item(p, false));
    }
    return out;
  }

  @Override
  public List<JsonNode> listResource(String ref, int limit) throws Exception {
    ResourceId id = ParkingOwners.parseRef(ref).orElseThrow();
    if (id.kind().isKnative()) {
      // only OpenFunction Triggers' delivery routes are compiled for -f (Compiler.compileParking)
      throw new Failure(
          "-f reads the parked events of OpenFunction Triggers; those of "
              + id
              + " are read through the runtime running it: use --runtime-url");
    }
    List<JsonNode> out = new ArrayList<>();
    for (ParkedEvents.Parked p : call(() -> parked.list(id, limit))) {
      out.add(ParkedApi.item(p, false));
    }
    return out;
  }

  @Override
  public void replay(String id) throws Exception {
    call(
        () -> {
          parked.replay(id);
          return null;
        });
  }

  @Override
  public void drop(String id) throws Exception {
    call(
        () -> {
          parked.drop(id);
          return null;
        });
  }

  private interface Call<T> {
    T run() throws Exception;
  }

  private static <T> T call(Call<T> c) throws Exception {
    try {
      return c.run();
    } catch (ParkedEvents.NotFoundException e) {
      throw new Failure(e.getMessage());
    } catch (Exception e) {
      throw new Failure(String.valueOf(e.getMessage()));
    }
  }

  @Override
  public void close() throws Exception {
    runtime.close();
  }
}
