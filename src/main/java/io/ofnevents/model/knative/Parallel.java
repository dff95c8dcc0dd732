package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ObjectMeta;
import io.ofnevents.model.Required;

/**
 * A Knative Parallel (flows.knative.dev/v1): every branch gets every event; a branch's filter
 * decides whether its subscriber sees it, and each subscriber's reply goes to its reply.
 */
public record Parallel(
    @Required ObjectMeta metadata,
    @Required ParallelSpec spec,
    @Doc("Written by the controller; ignored on input.") Object status)
    implements KnFlow {

  @Override
  public Kind kind() {
    return Kind.KN_PARALLEL;
  }

  @Override
  public ChannelTemplate channelTemplate() {
    return spec == null ? null : spec.channelTemplate();
  }

  @Override
  public Destination reply() {
    return spec == null ? null : spec.reply();
  }

  @Override
  public KnDeliverySpec delivery() {
    return spec == null ? null : spec.delivery();
  }

  @Override
  public Parallel withDefaultNamespace(String namespace) {
    return metadata.namespace() != null
        ? this
        : new Parallel(metadata.withNamespace(namespace), spec, status);
  }
}
