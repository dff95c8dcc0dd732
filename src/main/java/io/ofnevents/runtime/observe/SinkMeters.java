package io.ofnevents.runtime.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;

/**
 * The meters of one HTTP sink, labelled with its URL without user info, query or fragment (which
 * may carry credentials and would multiply the series). A producer creates them once at start.
 */
public final class SinkMeters {
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  private final Counter attempts;
  private final Counter retries;
  private final Counter delivered;
  private final Counter failed;
  private final Counter deadLettered;
  private final Timer delivery;

  private SinkMeters(MeterRegistry r, String sink) {
    attempts = Meters.counter(r, Meters.SINK_ATTEMPTS, "POST attempts", "sink", sink);
    retries = Meters.counter(r, Meters.SINK_RETRIES, "Attempts after a failed one", "sink", sink);
    delivered = Meters.counter(r, Meters.SINK_DELIVERED, "Events answered 2xx", "sink", sink);
    failed =
        Meters.counter(
            r, Meters.SINK_FAILED, "Events given up on after every attempt", "sink", sink);
    deadLettered =
        Meters.counter(
            r,
            Meters.SINK_DEAD_LETTERED,
            "Events this sink failed that went to a dead letter",
            "sink",
            sink);
    delivery =
        Timer.builder(Meters.SINK_DELIVERY)
            .description("Time from the first attempt to the 2xx answer, retries included")
            .tag("sink", sink)
            .serviceLevelObjectives(BUCKETS)
            .register(r);
  }

  public static SinkMeters of(CamelContext context, String url) {
    return new SinkMeters(Meters.registry(context), label(url));
  }

  /** `scheme://host:port/path` of `url`: no user info, query or fragment. */
  public static String label(String url) {
    try {
      URI u = URI.create(url);
      if (u.getHost() == null) return "invalid";
      String port = u.getPort() < 0 ? "" : ":" + u.getPort();
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      return u.getScheme() + "://" + u.getHost() + port + path;
    } catch (IllegalArgumentException e) {
      return "invalid";
    }
  }

  public void attempt() {
    attempts.increment();
  }

  public void retry() {
    retries.increment();
  }

  /** A 2xx answer, `nanos` after the first attempt began. */
  public void delivered(long nanos) {
    delivered.increment();
    delivery.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void failed() {
    failed.increment();
  }

  public void deadLettered() {
    deadLettered.increment();
  }
}
