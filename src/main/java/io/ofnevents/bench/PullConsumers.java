package io.ofnevents.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * What both hand-written baselines do with jnats: per subject a stream like the bus creates (file
 * storage, limits, 2-minute duplicate window) and a durable pull consumer, one thread that pulls
 * batches of as many messages as there is room for and hands each to `deliver`, which gives the
 * room back once the message is acknowledged. Pausing keeps the durables.
 */
final class PullConsumers implements Drainable, AutoCloseable {
  private static final Duration FETCH_WAIT = Duration.ofMillis(500);
  // A 408 this long before our request's expiry ends an older request, not ours (as the bus).
  private static final long LATE_408 = Duration.ofMillis(50).toNanos();

  private final Connection nc;
  private final String durable;
  private final String threadPrefix;
  private final int room;
  private final BiConsumer<Message, Runnable> deliver;
  private final List<String> subjects = new ArrayList<>();
  private final List<Thread> fetchers = new ArrayList<>();
  private final List<Semaphore> rooms = new ArrayList<>();
  private final List<JetStreamSubscription> subs = new ArrayList<>();
  private volatile boolean running;

  /**
   * `room`: messages held at once per subject; `deliver(message, done)` must call `done` once the
   * message is acknowledged or nak'ed.
   */
  PullConsumers(
      Connection nc,
      String durable,
      String threadPrefix,
      int room,
      BiConsumer<Message, Runnable> deliver) {
    this.nc = nc;
    this.durable = durable;
    this.threadPrefix = threadPrefix;
    this.room = room;
    this.deliver = deliver;
  }

  static String stream(String durable, String subject) {
    return durable.toUpperCase().replace('-', '_')
        + "_"
        + subject.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** Creates stream and durable of each subject and starts consuming them. */
  void start(List<String> subjects) throws IOException, JetStreamApiException {
    JetStreamManagement jsm = nc.jetStreamManagement();
    for (String subject : subjects) {
      String stream = stream(durable, subject);
      jsm.addStream(
          StreamConfiguration.builder()
              .name(stream)
              .subjects(subject)
              .storageType(StorageType.File)
              .retentionPolicy(RetentionPolicy.Limits)
              .duplicateWindow(Duration.ofMinutes(2))
              .build());
      jsm.addOrUpdateConsumer(
          stream,
          ConsumerConfiguration.builder()
              .durable(durable)
              .filterSubject(subject)
              .ackPolicy(AckPolicy.Explicit)
              .ackWait(Duration.ofSeconds(30))
              .maxAckPending(Math.max(1000, room))
              .deliverPolicy(DeliverPolicy.New)
              .build());
      this.subjects.add(subject);
    }
    resume();
  }

  @Override
  public synchronized void resume() throws IOException, JetStreamApiException {
    running = true;
    for (String subject : subjects) {
      JetStreamSubscription sub =
          nc.jetStream()
              .subscribe(subject, PullSubscribeOptions.bind(stream(durable, subject), durable));
      Semaphore r = new Semaphore(room);
      Thread t = new Thread(() -> fetchLoop(sub, r), threadPrefix + subject);
      t.setDaemon(true);
      subs.add(sub);
      rooms.add(r);
      fetchers.add(t);
      t.start();
    }
  }

  @Override
  public synchronized void pause() throws InterruptedException {
    running = false;
    for (Thread t : fetchers) t.join(5_000);
    // what was fetched is delivered and acknowledged before the durables are let go
    for (Semaphore r : rooms) {
      if (!r.tryAcquire(room, 30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("deliveries did not finish within 30 s");
      }
    }
    for (JetStreamSubscription s : subs) s.unsubscribe();
    fetchers.clear();
    rooms.clear();
    subs.clear();
  }

  private void fetchLoop(JetStreamSubscription sub, Semaphore room) {
    while (running) {
      try {
        if (!room.tryAcquire(FETCH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) continue;
        int wanted = 1 + room.drainPermits();
        int taken = 0;
        try {
          sub.pullExpiresIn(wanted, FETCH_WAIT);
          long deadline = System.nanoTime() + FETCH_WAIT.toNanos();
          for (long left; taken < wanted && (left = deadline - System.nanoTime()) > 0; ) {
            Message m = sub.nextMessage(Duration.ofNanos(left));
            if (m == null && deadline - System.nanoTime() > LATE_408) continue; // an old one's 408
            if (m == null) break;
            taken++;
            deliver.accept(m, room::release);
          }
        } finally {
          room.release(wanted - taken);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) System.err.println(threadPrefix + ": " + e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : fetchers) t.join(2_000);
  }
}
