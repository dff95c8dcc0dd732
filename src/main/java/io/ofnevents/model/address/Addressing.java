package io.ofnevents.model.address;

import io.ofnevents.model.Reference;
import java.util.Map;

/**
 * How destinations are resolved in one run, and whether validation insists on it.
 *
 * @param addresses `--address`/`--addresses` entries
 * @param resolved URLs the operator read from the cluster (a ref's `status.address.url` or
 *     `status.url`), keyed by {@link Reference} with the namespace filled in
 * @param clusterDns whether a Service without an entry resolves by the cluster's DNS convention,
 *     `http://{name}.{namespace}.svc.cluster.local` (export, operator)
 * @param strict whether an unresolvable destination, and a Broker or bus missing from the input,
 *     are validation errors (every command reading files); the operator resolves from the cluster
 *     after validating, so it is not strict
 */
public record Addressing(
    AddressBook addresses, Map<Reference, String> resolved, boolean clusterDns, boolean strict) {

  /** `run`, `validate`, `compile`: only what the address book says. */
  public static Addressing standalone(AddressBook book) {
    return new Addressing(book, Map.of(), false, true);
  }

  /** `export`: the address book, else the cluster DNS name of a Service. */
  public static Addressing clusterDns(AddressBook book) {
    return new Addressing(book, Map.of(), true, true);
  }

  /** The operator: what it resolved from the cluster, else the DNS name of a Service. */
  public static Addressing operator(Map<Reference, String> resolved) {
    return new Addressing(AddressBook.EMPTY, Map.copyOf(resolved), true, false);
  }
}
