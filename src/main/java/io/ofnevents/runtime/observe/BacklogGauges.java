package io.ofnevents.runtime.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.runtime.bus.ConsumerBacklog;
import io.ofnevents.runtime.bus.Subscription;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;

/**
 * Two gauges of a bus consumer's backlog, refreshed every {@link #PERIOD} by one shared thread (a
 * JetStream consumer info request each time), so a scrape never waits for the server. NaN while the
 * server does not answer; removed when the driver cannot tell (in-memory and core NATS).
 */
public final class BacklogGauges implements AutoCloseable {
  static final Duration PERIOD = Duration.ofSeconds(5);
  static final Duration FIRST_POLL = Duration.ofSeconds(1);
  private static final ScheduledExecutorService POLLER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ofn-metrics-poller");
            t.setDaemon(true);
            return t;
          });

  private final MeterRegistry registry;
  private final Subscription subscription;
  private final Gauge pendingGauge;
  private final Gauge ackPendingGauge;
  private final ScheduledFuture<?> task;
  private volatile boolean closed;
  private volatile double pending = Double.NaN;
  private volatile double ackPending = Double.NaN;

  private BacklogGauges(
      MeterRegistry registry, Subscription subscription, String subject, String consumer) {
    this.registry = registry;
    this.subscription = subscription;
    String[] tags = {"subject", subject, "consumer", consumer};
    pendingGauge =
        Gauge.builder(Meters.BUS_PENDING, this, g -> g.pending)
            .description("Events on the bus the consumer has not received yet")
            .tags(tags)
            .register(registry);
    ackPendingGauge =
        Gauge.builder(Meters.BUS_ACK_PENDING, this, g -> g.ackPending)
            .description("Events the consumer received and has not acknowledged yet")
            .tags(tags)
            .register(registry);
    task =
        POLLER.scheduleWithFixedDelay(
            this::poll, FIRST_POLL.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts polling `subscription` (consumer `consumer` of `subject`) into two gauges. */
  public static BacklogGauges watch(
      CamelContext context, String subject, String consumer, Subscription subscription) {
    return new BacklogGauges(Meters.registry(context), subscription, subject, consumer);
  }

  private void poll() {
    if (closed) return;
    try {
      ConsumerBacklog b = subscription.backlog();
      if (b == null) {
        close();
        return;
      }
      pending = b.pending();
      ackPending = b.ackPending();
    } catch (Exception e) {
      pending = Double.NaN; // unknown while the server is away, not a stale number
      ackPending = Double.NaN;
    }
  }

  @Override
  public void close() {
    closed = true;
    task.cancel(false);
    registry.remove(pendingGauge);
    registry.remove(ackPendingGauge);
  }
}
