package io.ofnevents.runtime.console.topology;

/**
 * How a node's state is told from its counts: it is failing while the count `failed` changed no
 * earlier than the count `ok` (both keys of the node's counts), with the reason remembered under
 * `failureKey`; `bus`: it also fails while the bus is unreachable.
 */
public record Health(String ok, String failed, String failureKey, boolean bus) {
  public static Health busOnly() {
    return new Health(null, null, null, true);
  }
}
