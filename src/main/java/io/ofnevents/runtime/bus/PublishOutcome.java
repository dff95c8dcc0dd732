package io.ofnevents.runtime.bus;

/**
 * What a publish did with the event. Only JetStream de-duplicates, on `Nats-Msg-Id` ({@link
 * BusMessage#dedupId}); the other buses always store.
 */
public enum PublishOutcome {
  /** The bus took the event. */
  STORED,
  /** The bus already had this event (same source and id): a republish, dropped as it should be. */
  REPUBLISH,
  /** The bus had a different event under the same `Nats-Msg-Id` and dropped this one: lost. */
  COLLISION,
  /** The bus dropped it as a duplicate of a message that is gone, so nobody can tell which. */
  UNVERIFIED;

  /** The `kind` label of `ofn_bus_duplicates_total`. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
