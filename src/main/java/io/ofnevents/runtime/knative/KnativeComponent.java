package io.ofnevents.runtime.knative;

import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.observe.Meters;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.ProcessorEndpoint;

/**
 * `ofn-kn:OPERATION?...`: the steps of the Knative kinds' routes. An ingress (a Broker's, a
 * Sequence's, a Parallel's, each named by `broker=`, `sequence=` or `parallel=NS/NAME`): `ingress`,
 * `accepted`, `unavailable`; entering one of them from a route: `enter`; a Trigger's delivery:
 * `dispatch`, `reply?trigger=&broker=`; a flow hop's delivery: `dispatch`, `step?hop=` ({@link
 * FlowStep}); a PingSource's tick: `ping?pingSource=&decode=`; OpenFunction inputs reading a
 * Broker: `inputs?names=`; an ApiServerSource's event of a change:
 * `apiserver?apiServerSource=&mode=`.
 */
public class KnativeComponent extends DefaultComponent {
  private final RefusalLog refusals = new RefusalLog();
  private final Map<String, Door> doors = new ConcurrentHashMap<>();
  private Clock clock = Clock.systemUTC();

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    Processor p =
        switch (remaining) {
          case "ingress" -> new IngressStep(door(o, uri), refusals, clock);
          case "accepted" -> Answers.accepted(door(o, uri).meters());
          case "unavailable" -> Answers.unavailable(door(o, uri));
          case "enter" -> new EnterStep(door(o, uri), clock);
          case "dispatch" -> new DispatchStep();
          case "reply" -> reply(o, uri);
          case "step" -> step(o, uri);
          case "ping" -> ping(o, uri);
          case "inputs" -> new InputsStep(Arrays.asList(o.required("names").split(",")));
          case "apiserver" -> apiServer(o, uri);
          default ->
              throw new ResolveEndpointFailedException(
                  uri,
                  "operation must be ingress, accepted, unavailable, enter, dispatch, reply, step,"
                      + " ping, inputs or apiserver");
        };
    o.rejectUnknown();
    return new ProcessorEndpoint(uri, this, p);
  }

  private Processor reply(EndpointOptions o, String uri) {
    String trigger = o.required("trigger");
    String[] t = split(trigger, uri);
    String broker = o.string("broker", null);
    return new ReplyStep(
        trigger,
        broker == null ? null : door(Door.Kind.BROKER, broker, uri),
        new KnMeters.TriggerMeters(registry(), t[0], t[1]),
        clock);
  }

  private Processor step(EndpointOptions o, String uri) {
    String ref = o.required("hop");
    FlowHop hop =
        FlowHop.parse(ref)
            .orElseThrow(
                () ->
                    new ResolveEndpointFailedException(
                        uri, "hop=" + ref + " is not NAMESPACE/OWNER/INDEX of a flow"));
    FlowStep.Call call =
        FlowStep.Call.valueOf(
            o.oneOf("call", "http", "http", "forward", "handoff", "reply")
                .toUpperCase(Locale.ROOT));
    FlowStep.Then then =
        FlowStep.Then.valueOf(
            o.oneOf("then", "publish", "publish", "drop", "end").toUpperCase(Locale.ROOT));
    String enter = o.string("enter", null);
    return new FlowStep(
        hop,
        call,
        then,
        enter == null ? null : door(enter, uri),
        new FlowMeters(registry(), hop),
        clock);
  }

  private Processor ping(EndpointOptions o, String uri) {
    String[] p = split(o.required("pingSource"), uri);
    boolean base64 = o.oneOf("decode", "none", "none", "base64").equals("base64");
    return new PingStep(
        p[0],
        p[1],
        base64,
        Meters.counter(
            registry(),
            Meters.KN_PING_TICKS,
            "Ticks the PingSource fired",
            "namespace",
            p[0],
            "pingsource",
            p[1]),
        clock);
  }

  /** The door named by exactly one of the parameters `broker`, `sequence`, `parallel`. */
  private Door door(EndpointOptions o, String uri) {
    Door found = null;
    for (Door.Kind kind : Door.Kind.values()) {
      String ref = o.string(kind.label(), null);
      if (ref == null) continue;
      if (found != null) {
        throw new ResolveEndpointFailedException(
            uri, "give only one of broker, sequence and parallel");
      }
      found = door(kind, ref, uri);
    }
    if (found == null) {
      throw new ResolveEndpointFailedException(
          uri, "parameter broker, sequence or parallel is required");
    }
    return found;
  }

  /** `broker:NS/NAME`, `sequence:NS/NAME` or `parallel:NS/NAME`. */
  private Door door(String kindAndRef, String uri) {
    int colon = kindAndRef.indexOf(':');
    Door.Kind kind =
        Arrays.stream(Door.Kind.values())
            .filter(k -> colon > 0 && k.label().equals(kindAndRef.substring(0, colon)))
            .findFirst()
            .orElseThrow(
                () ->
                    new ResolveEndpointFailedException(
                        uri, kindAndRef + " is not broker:, sequence: or parallel:NS/NAME"));
    return door(kind, kindAndRef.substring(colon + 1), uri);
  }

  private Door door(Door.Kind kind, String ref, String uri) {
    String[] r = split(ref, uri);
    return doors.computeIfAbsent(
        kind.label() + ":" + ref,
        k -> new Door(kind, ref, new KnMeters.DoorMeters(registry(), kind, r[0], r[1])));
  }

  private Processor apiServer(EndpointOptions o, String uri) {
    String[] s = split(o.required("apiServerSource"), uri);
    boolean resource = o.oneOf("mode", "Reference", "Reference", "Resource").equals("Resource");
    return new ApiServerStep(s[0], s[1], resource, registry(), clock);
  }

  private MeterRegistry registry() {
    return Meters.registry(getCamelContext());
  }

  private static String[] split(String ref, String uri) {
    int slash = ref.indexOf('/');
    if (slash < 1 || slash == ref.length() - 1) {
      throw new ResolveEndpointFailedException(uri, ref + " is not NAMESPACE/NAME");
    }
    return new String[] {ref.substring(0, slash), ref.substring(slash + 1)};
  }

  /** For tests that need a fixed time. */
  public void setClock(Clock clock) {
    this.clock = clock;
  }
}
