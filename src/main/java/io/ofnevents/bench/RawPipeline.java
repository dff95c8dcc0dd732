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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The baseline: what a competent hand-written consumer does with jnats and the JDK alone. Per
 * subject a stream like the bus creates (file storage, limits, 2-minute duplicate window) and a
 * durable pull consumer; one thread pulls into `concurrency` workers (at most 64 messages held per
 * worker, as the bus does), each POSTs the message to every sink in turn with {@link HttpClient}
 * and acks after the last 2xx.
 */
final class RawPipeline implements AutoCloseable {
  private static final Duration FETCH_WAIT = Duration.ofMillis(500);
  private static final int MAX_BATCH = 64;
  private static final long LATE_408 = Duration.ofMillis(50).toNanos();

  /** Name of the NATS connection to consume on; jnats names its threads after it. */
  static final String CONNECTION = "bench-raw-consumer";

  /** Name prefixes of this path's threads: ours, java.net.http's and the connection's. */
  static final List<String> THREADS = List.of("raw-", "HttpClient-", CONNECTION);

  private final Connection nc;
  private final List<URI> sinks;
  private final int concurrency;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<Thread> fetchers = new ArrayList<>();
  private final List<ExecutorService> pools = new ArrayList<>();
  private volatile boolean running = true;

  RawPipeline(Connection nc, List<String> sinkUrls, int concurrency) {
    this.nc = nc;
    this.sinks = sinkUrls.stream().map(URI::create).toList();
    this.concurrency = concurrency;
  }

  /** Creates stream and durable of each subject and starts consuming them. */
  void start(List<String> subjects) throws IOException, JetStreamApiException {
    JetStreamManagement jsm = nc.jetStreamManagement();
    for (String subject : subjects) {
      String stream = "RAW_" + subject.replaceAll("[^A-Za-z0-9_-]", "_");
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
              .durable("raw")
              .filterSubject(subject)
              .ackPolicy(AckPolicy.Explicit)
              .ackWait(Duration.ofSeconds(30))
              .maxAckPending(1000)
              .deliverPolicy(DeliverPolicy.New)
              .build());
      JetStreamSubscription sub =
          nc.jetStream().subscribe(subject, PullSubscribeOptions.bind(stream, "raw"));
      ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> thread(r, "raw-post"));
      pools.add(pool);
      Thread fetcher = thread(() -> fetchLoop(sub, pool), "raw-fetch-" + subject);
      fetchers.add(fetcher);
      fetcher.start();
    }
  }

  private void fetchLoop(JetStreamSubscription sub, ExecutorService pool) {
    Semaphore room = new Semaphore(Math.min(1000, MAX_BATCH * concurrency));
    while (running) {
      try {
        room.acquire();
        int wanted = 1 + room.drainPermits();
        int taken = 0;
        try {
          // As the bus does (see JetStreamSubscriber): jnats' iterate() can wait a whole extra
          // FETCH_WAIT after nats-server 2.9 dropped an expired request without its 408.
          sub.pullExpiresIn(wanted, FETCH_WAIT);
          long deadline = System.nanoTime() + FETCH_WAIT.toNanos();
          for (long left; taken < wanted && (left = deadline - System.nanoTime()) > 0; ) {
            Message m = sub.nextMessage(Duration.ofNanos(left));
            if (m == null && deadline - System.nanoTime() > LATE_408) continue; // an old one's 408
            if (m == null) break;
            taken++;
            pool.execute(
                () -> {
                  try {
                    deliver(m);
                  } finally {
                    room.release();
                  }
                });
          }
        } finally {
          room.release(wanted - taken);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) System.err.println("raw consumer: " + e);
      }
    }
  }

  private void deliver(Message m) {
    try {
      for (URI sink : sinks) {
        HttpRequest.Builder b = HttpRequest.newBuilder(sink).timeout(Duration.ofSeconds(10));
        m.getHeaders()
            .forEach(
                (name, values) -> {
                  if (!name.equals("Nats-Msg-Id")) b.header(name, values.get(0));
                });
        HttpResponse<Void> r =
            http.send(
                b.POST(HttpRequest.BodyPublishers.ofByteArray(m.getData())).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
          m.nakWithDelay(Duration.ofMillis(500));
          return;
        }
      }
      m.ack();
    } catch (IOException e) {
      m.nakWithDelay(Duration.ofMillis(500));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : fetchers) t.join(2_000);
    pools.forEach(ExecutorService::shutdownNow);
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
