package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Kind;
import io.ofnevents.model.KnativeResource;
import io.ofnevents.model.ObjectMeta;
import io.ofnevents.model.Required;

/** A Knative Broker (eventing.knative.dev/v1): a subject on an event bus that Triggers read. */
public record Broker(
    @Required ObjectMeta metadata,
    BrokerSpec spec,
    @Doc("Written by the controller; ignored on input.") Object status)
    implements KnativeResource {

  /** The annotation naming the Broker implementation (`MTChannelBasedBroker` in stock Knative). */
  public static final String CLASS_ANNOTATION = "eventing.knative.dev/broker.class";

  /** The class of stock Knative, which ofn-events serves as written. */
  public static final String DEFAULT_CLASS = "MTChannelBasedBroker";

  /**
   * The class of ofn-events' own Brokers: where Knative Eventing is installed, the operator serves
   * only the Brokers of this class (and leaves the others to Knative's controllers).
   */
  public static final String OFN_CLASS = "OfnEvents";

  /** The class annotation's value, null when there is none. */
  public String brokerClass() {
    return metadata.annotations() == null ? null : metadata.annotations().get(CLASS_ANNOTATION);
  }

  @Override
  public Kind kind() {
    return Kind.KN_BROKER;
  }

  /** The spec, empty when the Broker has none (`spec` is optional in Knative). */
  public BrokerSpec specOrEmpty() {
    return spec == null ? new BrokerSpec(null, null) : spec;
  }

  @Override
  public Broker withDefaultNamespace(String namespace) {
    return metadata.namespace() != null
        ? this
        : new Broker(metadata.withNamespace(namespace), spec, status);
  }
}
