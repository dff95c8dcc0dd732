package io.ofnevents.runtime.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.runtime.observe.Meters;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one bus consumer says about messages that are not quite CloudEvents: header values taken as
 * sent because they were not percent-encoded (counted, and a WARN once per header name: a sender
 * that does not encode does it on every event), and messages that cannot be read at all (counted;
 * the Trigger's parking logs each). Header names come from senders, so at most {@value #MAX_WARNED}
 * of them are remembered; the counter has no header label for the same reason.
 */
final class InputProblems {
  private static final Logger LOG = LoggerFactory.getLogger(InputProblems.class);
  static final int MAX_WARNED = 100;

  private final String subject;
  private final String consumer;
  private final Counter raw;
  private final Counter unreadable;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  InputProblems(MeterRegistry registry, String subject, String consumer) {
    this.subject = subject;
    this.consumer = consumer;
    String[] tags = {"subject", subject, "consumer", String.valueOf(consumer)};
    raw =
        Meters.counter(
            registry,
            Meters.BUS_HEADER_RAW,
            "Header values taken as sent, not percent-decoded, because they were not encoded as"
                + " the CloudEvents bindings ask (the official SDKs send them unencoded)",
            tags);
    unreadable =
        Meters.counter(
            registry,
            Meters.BUS_UNREADABLE,
            "Messages that are not readable CloudEvents (a broken structured envelope, a batch):"
                + " parked at once on a Trigger's input, never delivered again",
            tags);
  }

  void keptRaw(String id, String header, String reason) {
    raw.increment();
    if (warned.size() < MAX_WARNED && warned.add(header)) {
      LOG.warn(LogLines.HEADER_KEPT_AS_SENT, id, subject, consumer, header, reason);
    }
  }

  void unreadable() {
    unreadable.increment();
  }
}
