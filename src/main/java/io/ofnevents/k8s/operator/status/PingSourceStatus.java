package io.ofnevents.k8s.operator.status;

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
    Findings.Resolved sink = f.resolve(((PingSource) f.resource()).spec().sink());
    s.field("sinkUri", sink.url());
    if (sink.ok()) s.markTrue(SINK);
    else s.markFalse(SINK, "NotFound", sink.error());
    return sink.ok();
  }

  @Override
  public void running(Findings f, Run run, KnStatus s) {
    run.mark(s, DEPLOYED, "DeploymentFailure");
  }
}
