package io.ofnevents.runtime.observe;

import org.apache.camel.CamelContext;

/** Counts publishes the bus dropped as duplicates, by subject and kind ({@link Meters}). */
public final class BusMeters {
  private BusMeters() {}

  /**
   * One publish to `subject` was dropped as a duplicate of `kind` (`republish`, `collision`,
   * `unverified`). Rare (after crashes and retries), so the counter is looked up each time.
   */
  public static void duplicate(CamelContext context, String subject, String kind) {
    Meters.counter(
            Meters.registry(context),
            Meters.BUS_DUPLICATES,
            "Publishes the bus dropped as duplicates: republish = the same event again (expected"
                + " after a crash or retry), collision or unverified = possibly a different event"
                + " lost",
            "subject",
            subject,
            "kind",
            kind)
        .increment();
  }
}
