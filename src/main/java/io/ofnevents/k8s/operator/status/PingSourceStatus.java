package io.ofnevents.k8s.operator.status;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.PingSource;
import java.util.List;

/**
 * A PingSource's status: `sinkUri` and Knative's conditions; `Deployed` follows its routes (the
 * cron route is its "receive adapter").
 */
public final class PingSourceStatus implements KindStatus {
  public static final String SINK = "SinkProvided";
  public static final String DEPLOYED = "Deployed";

  @Override
  public List<String> conditions() {
    return List.of(DEPLOYED, SINK);
  }

  @Override
  public boolean resolved(Findings f, KnStatus s) {
    PingSource p = (PingSource) f.resource();
    return sink(f, p.spec().sink(), p.namespace(), s);
  }

  /**
   * Marks SinkProvided and `sinkUri` from the sink `d` of a source in `namespace`: resolved, and
   * when it is a Broker, one that can carry events. Shared by the sources.
   */
  static boolean sink(Findings f, Destination d, String namespace, KnStatus s) {
    Findings.Resolved sink = f.resolve(d);
    s.field("sinkUri", sink.url());
    if (!sink.ok()) {
      s.markFalse(SINK, "NotFound", sink.error());
      return false;
    }
    ResourceId broker = brokerSink(d, namespace);
    if (broker != null && !f.brokerUsable(broker)) {
      s.markFalse(SINK, "NotFound", broker + " cannot carry events yet (see its status)");
      return false;
    }
    s.markTrue(SINK);
    return true;
  }

  /** The Broker the ticks go to, null when the sink is not one. */
  private static ResourceId brokerSink(Destination d, String namespace) {
    var ref = d.ref();
    if (ref == null
        || !"Broker".equals(ref.kind())
        || !"eventing.knative.dev".equals(ref.apiGroup())) {
      return null;
    }
    return new ResourceId(
        Kind.KN_BROKER, ref.namespace() == null ? namespace : ref.namespace(), ref.name());
  }

  @Override
  public void running(Findings f, Run run, KnStatus s) {
    run.mark(s, DEPLOYED, "DeploymentFailure");
  }
}
