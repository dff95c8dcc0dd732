package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Unused;

/**
 * Knative's `Destination`: a `ref` to an addressable object, a `uri`, or both (then the `uri` is
 * relative and resolved against the ref's URL).
 */
public record Destination(
    @Doc(
            "The addressable object: a Broker (its bus subject, no HTTP hop), a Knative or v1 Service.")
        KReference ref,
    @Doc("Absolute URL; with a ref, a URL relative to the ref's address.") String uri,
    @Unused("TLS trust comes from the JVM; the CA certificates given here are not used")
        String CACerts,
    @Unused("OIDC tokens are not sent") String audience) {

  public static Destination ofUri(String uri) {
    return new Destination(null, uri, null, null);
  }
}
