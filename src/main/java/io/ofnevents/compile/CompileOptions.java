package io.ofnevents.compile;

import io.ofnevents.model.Reference;
import io.ofnevents.model.address.AddressBook;
import io.ofnevents.model.address.Addressing;
import java.util.Map;

/**
 * Everything the compiler needs that is not in the resources; it reads no environment of its own.
 *
 * @param addressing how destination refs resolve: `--address` entries, what the operator resolved
 *     from the cluster, the cluster DNS convention (see {@link Addressing})
 * @param version the ofn-events version, written into generated Camel K dependencies
 */
public record CompileOptions(Addressing addressing, String version) {

  /** The operator's options: refs resolved from the cluster (a Service's DNS name otherwise). */
  public CompileOptions(Map<Reference, String> resolvedRefs, String version) {
    this(Addressing.operator(resolvedRefs), version);
  }

  /** Standalone without any `--address`. */
  public static CompileOptions standalone(String version) {
    return new CompileOptions(Addressing.standalone(AddressBook.EMPTY), version);
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
