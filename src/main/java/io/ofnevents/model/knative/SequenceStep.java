package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Unused;

/** One step of a Sequence: Knative's Destination fields inline, and the step's own delivery. */
public record SequenceStep(
    @Doc("The addressable object called: a Knative or v1 Service, a Broker, Sequence or Parallel.")
        KReference ref,
    @Doc("Absolute URL; with a ref, a URL relative to the ref's address.") String uri,
    @Unused("TLS trust comes from the JVM; the CA certificates given here are not used")
        String CACerts,
    @Unused("OIDC tokens are not sent") String audience,
    @Doc(
            "Retries, backoff, timeout and dead letter of this step (its call and forwarding its"
                + " reply); the Sequence's spec.delivery when absent, taken whole.")
        KnDeliverySpec delivery) {

  /** The step's destination, as the Destination record the resolver reads. */
  public Destination destination() {
    return new Destination(ref, uri, CACerts, audience);
  }
}
