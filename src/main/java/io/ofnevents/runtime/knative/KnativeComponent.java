package io.ofnevents.runtime.knative;

import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.observe.Meters;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.ProcessorEndpoint;

/**
 * `ofn-kn:OPERATION?...`: the steps of the Knative kinds' routes. A Broker's ingress: `ingress`,
 * `accepted`, `unavailable` (`broker=NS/NAME`); entering a Broker: `enter?broker=`; a Trigger's
 * delivery: `dispatch`, `reply?trigger=&broker=`; a PingSource's tick: `ping?pingSource=&decode=`;
 * OpenFunction inputs reading a Broker: `inputs?names=`; an ApiServerSource's event of a change:
 * `apiserver?apiServerSource=&mode=`.
 */
public class KnativeComponent extends DefaultComponent {
  private final RefusalLog refusals = new RefusalLog();
  private final Map<String, KnMeters.BrokerMeters> brokers = new ConcurrentHashMap<>();
  private Clock clock = Clock.systemUTC();

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    Processor p =
        switch (remaining) {
          case "ingress" -> {
            String b = o.required("broker");
            yield new IngressStep(b, broker(b, uri), refusals, clock);
          }
          case "accepted" -> Answers.accepted(broker(o.required("broker"), uri));
          case "unavailable" -> {
            String b = o.required("broker");
            yield Answers.unavailable(b, broker(b, uri));
          }
          case "enter" -> {
            String b = o.required("broker");
            yield new EnterStep(b, broker(b, uri), clock);
          }
          case "dispatch" -> new DispatchStep();
          case "reply" -> reply(o, uri);
          case "ping" -> ping(o, uri);
          case "inputs" -> new InputsStep(Arrays.asList(o.required("names").split(",")));
          case "apiserver" -> apiServer(o, uri);
          default ->
              throw new ResolveEndpointFailedException(
                  uri,
                  "operation must be ingress, accepted, unavailable, enter, dispatch, reply, ping,"
                      + " inputs or apiserver");
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
        broker,
        new KnMeters.TriggerMeters(registry(), t[0], t[1]),
        broker == null ? null : broker(broker, uri),
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

  private Processor apiServer(EndpointOptions o, String uri) {
    String[] s = split(o.required("apiServerSource"), uri);
    boolean resource = o.oneOf("mode", "Reference", "Reference", "Resource").equals("Resource");
    return new ApiServerStep(s[0], s[1], resource, registry(), clock);
  }

  private KnMeters.BrokerMeters broker(String broker, String uri) {
    String[] b = split(broker, uri);
    return brokers.computeIfAbsent(broker, k -> new KnMeters.BrokerMeters(registry(), b[0], b[1]));
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
