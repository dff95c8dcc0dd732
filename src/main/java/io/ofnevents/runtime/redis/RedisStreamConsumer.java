package io.ofnevents.runtime.redis;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.observe.ConnectionCheck;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.redisson.api.AutoClaimResult;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads a Redis Stream through a consumer group: XREADGROUP BLOCK for new entries, XACK only after
 * the route succeeded, and every `redeliverInterval` XAUTOCLAIM of entries pending longer than
 * `processingTimeout` (left by a failed delivery or by a consumer that died).
 */
final class RedisStreamConsumer extends DefaultConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(RedisStreamConsumer.class);
  private static final long MAX_BACKOFF_MS = 5_000;
  // XAUTOCLAIM starts a scan at 0-0 and answers 0-0 when the scan is complete
  private static final StreamMessageId START = new StreamMessageId(0, 0);

  private final RedisEndpoint endpoint;
  private final RedisSource source;
  private final String consumerName;
  private RedisLink link;
  private ConnectionCheck check;
  private volatile RStream<byte[], byte[]> stream;
  private volatile String readFailure;
  private ExecutorService executor;
  private volatile boolean running;
  private volatile CountDownLatch started = new CountDownLatch(1);

  RedisStreamConsumer(RedisEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
    this.source = endpoint.source();
    this.consumerName = source.consumer() != null ? source.consumer() : processName();
  }

  /**
   * Starts reading on its own thread, which first connects: a Redis that cannot be reached yet is
   * retried there (readiness says why) and read from once it answers.
   */
  @Override
  protected void doStart() throws Exception {
    super.doStart();
    started = new CountDownLatch(1);
    link = endpoint.links().acquire(endpoint.settings());
    check =
        ConnectionCheck.register(
                endpoint.getCamelContext(), "redis-source " + getRouteId(), this::downReason)
            .forRoute(getRouteId());
    running = true;
    executor =
        endpoint
            .getCamelContext()
            .getExecutorServiceManager()
            .newSingleThreadExecutor(this, "ofn-redis-stream-" + source.stream());
    executor.submit(this::run);
    awaitStarted();
  }

  private void run() {
    RedissonClient client = link.connect(() -> running);
    if (client == null) return; // stopped before Redis answered
    stream = client.getStream(source.stream(), ByteArrayCodec.INSTANCE);
    safely(this::createGroup); // failing here (Redis gone again) is retried by the loop
    LOG.info(
        "Reading Redis stream {} as {} in group {}", source.stream(), consumerName, source.group());
    started.countDown();
    loop();
  }

  /** Null while the stream is read without errors, else why not. */
  private String downReason() {
    String link = this.link.downReason();
    if (link != null) return link;
    String read = readFailure;
    return read == null ? null : "reading Redis stream " + source.stream() + " fails: " + read;
  }

  /** A new group starts after the newest entry, as a new Kafka group does (latest). */
  private void createGroup() {
    try {
      stream.createGroup(
          StreamCreateGroupArgs.name(source.group()).id(StreamMessageId.NEWEST).makeStream());
    } catch (org.redisson.client.RedisException e) {
      if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) throw e;
    }
  }

  private void loop() {
    long nextClaim = 0;
    long backoff = 100;
    while (running) {
      try {
        if (System.nanoTime() - nextClaim >= 0) {
          reclaim();
          nextClaim = System.nanoTime() + source.redeliverInterval().toNanos();
        }
        Map<StreamMessageId, Map<byte[], byte[]>> batch =
            stream.readGroup(
                source.group(),
                consumerName,
                StreamReadGroupArgs.neverDelivered()
                    .count(source.batchSize())
                    .timeout(source.block()));
        if (batch != null) batch.forEach(this::deliver);
        backoff = 100;
        readFailure = null;
      } catch (Exception e) {
        if (!running) return;
        readFailure = e.getMessage();
        if (e.getMessage() != null && e.getMessage().contains("NOGROUP")) {
          // the key or group was deleted under us: recreate, as at start
          LOG.warn(
              "Redis stream {} lost its group {}: recreating it", source.stream(), source.group());
          safely(this::createGroup);
        } else {
          LOG.warn(
              "Reading Redis stream {} failed, retrying in {} ms: {}",
              source.stream(),
              backoff,
              e.getMessage());
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Claims and delivers every entry idle longer than processingTimeout, page by page. */
  private void reclaim() {
    StreamMessageId from = START;
    do {
      AutoClaimResult<byte[], byte[]> page =
          stream.autoClaim(
              source.group(),
              consumerName,
              source.processingTimeout().toMillis(),
              TimeUnit.MILLISECONDS,
              from,
              source.batchSize());
      if (!page.getMessages().isEmpty()) {
        LOG.info(
            "Reclaimed {} pending entr(ies) of Redis stream {} idle longer than {}",
            page.getMessages().size(),
            source.stream(),
            source.processingTimeout());
      }
      page.getMessages().forEach(this::deliver);
      from = page.getNextId();
    } while (running && from != null && !from.equals(START));
  }

  private void deliver(StreamMessageId id, Map<byte[], byte[]> fields) {
    if (!running) return; // left pending: the next consumer reclaims it
    Exchange exchange = createExchange(false);
    try {
      StreamPayload payload = StreamPayload.of(fields);
      exchange.getIn().setBody(payload.body());
      exchange.getIn().setHeader(CloudEventHeaders.RECORD_ID, id.toString());
      if (payload.contentType() != null) {
        exchange.getIn().setHeader(CloudEventHeaders.CONTENT_TYPE, payload.contentType());
      }
      MDC.put("ce.id", id.toString());
      getProcessor().process(exchange);
      if (exchange.getException() == null) {
        stream.ack(source.group(), id);
      } else {
        LOG.warn(
            "Redis stream {} entry {} not acknowledged, it is retried after {}: {}",
            source.stream(),
            id,
            source.processingTimeout(),
            exchange.getException().getMessage());
      }
    } catch (Exception e) {
      LOG.warn(
          "Redis stream {} entry {} not acknowledged: {}", source.stream(), id, e.getMessage());
    } finally {
      MDC.remove("ce.id");
      releaseExchange(exchange, false);
    }
  }

  /**
   * A consumer whose Redis answers starts set up, as before the client was shared; one whose Redis
   * is down starts at once (readiness says why).
   */
  private void awaitStarted() throws InterruptedException {
    long until = System.nanoTime() + RedisLink.START_WAIT.toNanos();
    while (!link.failedOnce() && System.nanoTime() - until < 0) {
      if (started.await(5, TimeUnit.MILLISECONDS)) return;
    }
  }

  @Override
  protected void doStop() throws Exception {
    running = false;
    if (executor != null) {
      // the current entry finishes (and is acknowledged); a blocked read returns within `block`
      endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
      executor = null;
    }
    if (check != null) check.unregister();
    if (link != null) endpoint.links().release(link);
    link = null;
    stream = null;
    super.doStop();
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.debug("ignored: {}", e.getMessage());
    }
  }

  /** A consumer name unique to this process, so a restarted process never shares one. */
  private static String processName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    long pid = ManagementFactory.getRuntimeMXBean().getPid();
    return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
