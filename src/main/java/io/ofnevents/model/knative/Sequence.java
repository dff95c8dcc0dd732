package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ObjectMeta;
import io.ofnevents.model.Required;

/**
 * A Knative Sequence (flows.knative.dev/v1): steps called one after the other, each step's reply
 * event the next one's input, the last one's to `spec.reply`; every step boundary a durable
 * subject.
 */
public record Sequence(
    @Required ObjectMeta metadata,
    @Required SequenceSpec spec,
    @Doc("Written by the controller; ignored on input.") Object status)
    implements KnFlow {

  @Override
  public Kind kind() {
    return Kind.KN_SEQUENCE;
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
  public Sequence withDefaultNamespace(String namespace) {
    return metadata.namespace() != null
        ? this
        : new Sequence(metadata.withNamespace(namespace), spec, status);
  }
}
