package io.ofnevents.bench;

import io.nats.client.impl.Headers;
import java.net.URI;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sink's own maximum rate on this machine: a load generator keeps {@link #IN_FLIGHT} POSTs of
 * the benchmark's events in flight for a few seconds, and the sink records them as it records a
 * path's. A path measured within {@link #NEAR} of it is reported as the sink's figure, not the
 * path's.
 */
final class SinkCapacity {
  static final int IN_FLIGHT = 64;
  static final double NEAR = 0.8;

  private SinkCapacity() {}

  /** Events per second the sink took over `seconds` after a warm-up of two seconds. */
  static double measure(ArrivalSink sink, byte[] payload, double seconds) throws Exception {
    try (BenchHttp http = new BenchHttp(IN_FLIGHT)) {
      run(http, sink, payload, "capacity-warm", 2.0);
      return run(http, sink, payload, "capacity", seconds);
    }
  }

  private static double run(
      BenchHttp http, ArrivalSink sink, byte[] payload, String round, double seconds)
      throws InterruptedException {
    Tally tally = sink.expect(round, 2_000_000);
    URI uri = URI.create(sink.url("/capacity"));
    Semaphore room = new Semaphore(IN_FLIGHT);
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    int sent = 0;
    while (System.nanoTime() < end) {
      room.acquire();
      Headers h = Publisher.headers(round + "-" + sent, "capacity", round);
      sent++;
      http.post(uri, h, payload)
          .onComplete(
              r -> {
                if (r.failed() || r.result() / 100 != 2) failed.incrementAndGet();
                room.release();
              });
    }
    if (!room.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "the sink did not answer its load generator: "
              + (IN_FLIGHT - room.availablePermits())
              + " of "
              + sent
              + " requests unanswered after 30 s, "
              + failed.get()
              + " failed");
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " requests to the sink failed");
    }
    return tally.count() / ((tally.lastArrivalNanos() - start) / 1e9);
  }
}
