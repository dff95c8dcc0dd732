package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.bus.PublishOutcome;
import io.ofnevents.runtime.cloudevents.HeaderValues;
import io.ofnevents.runtime.observe.LogLines;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells what a publish JetStream acknowledged as a duplicate was: the ack names the stored message
 * with the same `Nats-Msg-Id`, so it is read back and compared. The same event (source and id) is a
 * republish, which is what de-duplication is for (INFO; DEBUG for our own retry of a publish whose
 * ack was lost); a different event means this one was dropped, which must never pass quietly (WARN
 * with both events).
 */
final class Duplicates {
  private static final Logger LOG = LoggerFactory.getLogger(Duplicates.class);

  private Duplicates() {}

  static PublishOutcome classify(
      Connection nc, String subject, BusMessage message, PublishAck ack, int attempt) {
    String source = message.headers().get(CloudEventHeaders.SOURCE);
    Headers stored;
    try {
      MessageInfo info = nc.jetStreamManagement().getMessage(ack.getStream(), ack.getSeqno());
      stored = info.getHeaders() == null ? new Headers() : info.getHeaders();
    } catch (Exception e) {
      LOG.warn(
          LogLines.DUPLICATE_UNVERIFIED,
          message.id(),
          source,
          subject,
          ack.getStream(),
          ack.getSeqno(),
          e.getMessage());
      return PublishOutcome.UNVERIFIED;
    }
    String storedId = decoded(stored, CloudEventHeaders.ID);
    String storedSource = decoded(stored, CloudEventHeaders.SOURCE);
    if (Objects.equals(storedId, message.id()) && Objects.equals(storedSource, source)) {
      if (attempt > 1) {
        LOG.debug(
            "Event {} on {}: stored by an earlier attempt of this publish", storedId, subject);
      } else {
        LOG.info(LogLines.REPUBLISHED, message.id(), subject, ack.getStream(), ack.getSeqno());
      }
      return PublishOutcome.REPUBLISH;
    }
    LOG.warn(
        LogLines.DUPLICATE_COLLISION,
        message.id(),
        source,
        subject,
        storedId,
        storedSource,
        ack.getStream(),
        ack.getSeqno(),
        message.dedupId());
    return PublishOutcome.COLLISION;
  }

  private static String decoded(Headers h, String name) {
    String v = h.getFirst(name);
    if (v == null) return null;
    try {
      return HeaderValues.decode(v);
    } catch (IllegalArgumentException e) {
      return v;
    }
  }
}
