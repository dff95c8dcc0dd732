package io.ofnevents.compile;

import io.ofnevents.model.Reference;
import java.util.Map;

/**
 * Everything the compiler needs that is not in the resources; it reads no environment of its own.
 *
 * @param resolvedRefs URLs of sink refs, resolved by whoever can reach a cluster (the operator)
 * @param version the ofn-events version, written into generated Camel K dependencies
 */
public record CompileOptions(Map<Reference, String> resolvedRefs, String version) {

  public static CompileOptions standalone(String version) {
    return new CompileOptions(Map.of(), version);
  }

  /** A resolved ref with its namespace defaulted to `namespace`, as the lookup key. */
  public static Reference key(Reference ref, String namespace) {
    return new Reference(
        ref.kind(),
        ref.apiVersion(),
        ref.name(),
        ref.namespace() == null ? namespace : ref.namespace());
  }
}
