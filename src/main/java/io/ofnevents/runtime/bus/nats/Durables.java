package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.MessageHandler;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.bus.ConsumerSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable pull consumer of one (Trigger, subject): created with the start position on first
 * use, like a NATS Streaming durable; later runs resume where it stopped and only update ackWait,
 * maxDeliver and maxAckPending. Per-replica durables (subscriptionType: topic) are removed by the
 * server after a day without their replica.
 */
final class Durables {
  private static final Logger LOG = LoggerFactory.getLogger(Durables.class);
  static final int CONSUMER_NOT_FOUND = 10014;
  static final Duration REPLICA_DURABLE_IDLE = Duration.ofHours(24);

  private Durables() {}

  /**
   * Ensures the durable exists and returns a pull subscription bound to it whose messages
   * `dispatcher` hands to `handler`.
   */
  static JetStreamSubscription bind(
      Connection nc,
      Streams streams,
      String subject,
      ConsumerSettings s,
      String replicaId,
      Dispatcher dispatcher,
      MessageHandler handler)
      throws IOException, JetStreamApiException {
    String stream = streams.streamOf(subject);
    String durable = name(stream, subject, s, replicaId);
    ensure(nc.jetStreamManagement(), stream, durable, subject, s);
    // fastBind: ensure() just looked the consumer up, jnats need not do it a second time
    PullSubscribeOptions options =
        PullSubscribeOptions.builder().stream(stream)
            .durable(durable)
            .bind(true)
            .fastBind(true)
            .build();
    return nc.jetStream().subscribe(subject, dispatcher, handler, options);
  }

  static String name(String stream, String subject, ConsumerSettings s, String replicaId) {
    return Names.jetStreamDurable(
        s.name(), s.shared() ? null : replicaId, subject, Streams.isShared(stream, subject));
  }

  private static void ensure(
      JetStreamManagement jsm, String stream, String durable, String subject, ConsumerSettings s)
      throws IOException, JetStreamApiException {
    ConsumerInfo info = info(jsm, stream, durable);
    if (info == null) {
      try {
        jsm.addOrUpdateConsumer(stream, create(durable, subject, s));
        LOG.info("Created JetStream consumer {} on stream {} ({})", durable, stream, subject);
        return;
      } catch (JetStreamApiException e) {
        // another replica created it a moment ago (with its own start time): use that one
        info = info(jsm, stream, durable);
        if (info == null) throw e;
      }
    }
    ConsumerConfiguration c = info.getConsumerConfiguration();
    if (c.getFilterSubject() != null && !c.getFilterSubject().equals(subject)) {
      throw new IllegalStateException(
          "JetStream consumer "
              + durable
              + " of stream "
              + stream
              + " reads "
              + c.getFilterSubject()
              + ", not "
              + subject
              + ": delete it or rename the Trigger");
    }
    if (c.getAckWait().equals(s.ackWait())
        && c.getMaxDeliver() == s.maxDeliver()
        && c.getMaxAckPending() == s.maxAckPending()) return;
    jsm.addOrUpdateConsumer(
        stream,
        ConsumerConfiguration.builder(c)
            .ackWait(s.ackWait())
            .maxDeliver(s.maxDeliver())
            .maxAckPending(s.maxAckPending())
            .build());
    LOG.info(
        "Updated JetStream consumer {}: ackWait={} maxDeliver={} maxAckPending={}",
        durable,
        s.ackWait(),
        s.maxDeliver(),
        s.maxAckPending());
  }

  static ConsumerConfiguration create(String durable, String subject, ConsumerSettings s) {
    ConsumerConfiguration.Builder b =
        ConsumerConfiguration.builder()
            .durable(durable)
            .filterSubject(subject)
            .ackPolicy(AckPolicy.Explicit)
            .ackWait(s.ackWait())
            .maxDeliver(s.maxDeliver())
            .maxAckPending(s.maxAckPending());
    if (!s.shared()) b.inactiveThreshold(REPLICA_DURABLE_IDLE);
    switch (s.deliverPolicy()) {
      case "all" -> b.deliverPolicy(DeliverPolicy.All);
      case "last" -> b.deliverPolicy(DeliverPolicy.LastPerSubject);
      case "byStartSequence" ->
          b.deliverPolicy(DeliverPolicy.ByStartSequence)
              .startSequence(required(s.startSequence(), "startSequence"));
      case "byStartTime" ->
          b.deliverPolicy(DeliverPolicy.ByStartTime)
              .startTime(
                  required(s.startTime(), "startTime or startTimeDelta").atZone(ZoneOffset.UTC));
      default -> b.deliverPolicy(DeliverPolicy.New);
    }
    return b.build();
  }

  private static <T> T required(T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("the deliver policy needs " + what);
    }
    return value;
  }

  private static ConsumerInfo info(JetStreamManagement jsm, String stream, String durable)
      throws IOException, JetStreamApiException {
    try {
      return jsm.getConsumerInfo(stream, durable);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) return null;
      throw e;
    }
  }
}
