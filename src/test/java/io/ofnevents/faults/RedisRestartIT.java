package io.ofnevents.faults;

import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

/**
 * redis-server killed (SIGKILL) and started again on its append-only file while a Redis stream
 * source (the runtime in a child JVM) feeds the JetStream bus, a Trigger and a sink: every entry
 * arrives, /health/ready says Redis is down meanwhile and is 200 again after.
 */
class RedisRestartIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();

  @RegisterExtension
  static final ServerExtension<RedisServer> redis = ServerExtension.of(RedisServer.persistent());

  static final int ENTRIES = 400;
  static final String STREAM = "restart-payments";
  static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void nothingIsLostWhenRedisIsKilledAndComesBack(@TempDir Path dir) throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    RedissonClient client = redis.server().client();
    try (RecordingSink sink = RecordingSink.start()) {
      Files.writeString(dir.resolve("resources.yaml"), resources(sink.url("/redis")));
      try (ManagedRuntime rt = ManagedRuntime.start(dir, List.of()).awaitReady(WAIT)) {
        RStream<String, String> stream = client.getStream(STREAM, StringCodec.INSTANCE);
        await().atMost(WAIT).until(() -> stream.isExists() && !stream.listGroups().isEmpty());

        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Exception> failed = new AtomicReference<>();
        timer.scheduleWithFixedDelay(
            () -> add(stream, sent, failed), 0, 100, TimeUnit.MILLISECONDS);
        await().atMost(WAIT).until(() -> delivered(sink).size() >= ENTRIES / 4);
        int atKill = delivered(sink).size();
        long killed = System.nanoTime();
        redis.server().kill();
        await()
            .atMost(WAIT)
            .ignoreExceptions()
            .until(() -> rt.get("/health/ready").body().contains("redis-source"));
        // down long enough for the source to fail reading (and the producer to wait)
        await()
            .atMost(WAIT)
            .until(() -> rt.log().contains("Reading Redis stream " + STREAM + " failed"));
        redis.server().start();
        long downMillis = (System.nanoTime() - killed) / 1_000_000;

        await()
            .atMost(WAIT)
            .until(
                () ->
                    failed.get() != null
                        || sent.get() == ENTRIES && delivered(sink).containsAll(expected()));
        if (failed.get() != null) throw failed.get();
        await().atMost(WAIT).ignoreExceptions().until(() -> rt.status("/health/ready") == 200);
        System.out.printf(
            "[redis-restart] delivered before the kill %d, Redis down for %d ms%n",
            atKill, downMillis);
        FaultReport.of("redis-restart", expected(), delivered(sink)).check();
      }
    } finally {
      timer.shutdownNow();
      client.shutdown();
    }
  }

  /** Adds the next 4 entries, each retried until Redis acknowledged it. */
  private static void add(
      RStream<String, String> stream, AtomicInteger sent, AtomicReference<Exception> failed) {
    for (int k = 0; k < 4 && sent.get() < ENTRIES && failed.get() == null; k++) {
      String body = body(sent.get());
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(() -> stream.add(StreamAddArgs.entry("data", body)) != null);
        sent.incrementAndGet();
      } catch (ConditionTimeoutException e) {
        failed.set(e);
      }
    }
  }

  private static List<String> expected() {
    return IntStream.range(0, ENTRIES).mapToObj(RedisRestartIT::body).toList();
  }

  private static String body(int i) {
    return "r-" + i;
  }

  private static List<String> delivered(RecordingSink sink) {
    return sink.deliveredBodies("/redis");
  }

  private static String resources(String sinkUrl) {
    return Fixtures.of(
        Fixtures.jetStreamBus(nats.url(), "5s"),
        Fixtures.redisStreamSource("payments", "paid", "127.0.0.1:" + redis.port(), STREAM),
        Fixtures.trigger("redis-watch", "payments", "paid", sinkUrl, null));
  }
}
