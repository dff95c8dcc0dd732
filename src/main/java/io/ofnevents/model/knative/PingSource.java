package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Kind;
import io.ofnevents.model.KnativeResource;
import io.ofnevents.model.ObjectMeta;
import io.ofnevents.model.Required;

/** A Knative PingSource (sources.knative.dev/v1 and v1beta2): an event on a cron schedule. */
public record PingSource(
    @Required ObjectMeta metadata,
    @Required PingSourceSpec spec,
    @Doc("Written by the controller; ignored on input.") Object status)
    implements KnativeResource {

  /** Knative's default schedule: every minute. */
  public static final String DEFAULT_SCHEDULE = "* * * * *";

  @Override
  public Kind kind() {
    return Kind.KN_PING_SOURCE;
  }

  @Override
  public PingSource withDefaultNamespace(String namespace) {
    return metadata.namespace() != null
        ? this
        : new PingSource(metadata.withNamespace(namespace), spec, status);
  }
}
