package io.ofnevents.runtime.redis;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.observe.ConnectionCheck;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.redisson.api.RPatternTopic;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUBSCRIBE to a channel or PSUBSCRIBE to a pattern. Messages are read as raw bytes (never through
 * a Java serializer, which drops text it cannot decode). Redis pub/sub keeps nothing: a message
 * whose delivery failed cannot be redelivered, so it is logged as lost with the channel it came
 * from.
 */
final class RedisPubSubConsumer extends DefaultConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPubSubConsumer.class);

  private final RedisEndpoint endpoint;
  private final RedisSource source;
  private RedisLink link;
  private ConnectionCheck check;
  private ExecutorService connector;
  private volatile boolean running;
  private volatile CountDownLatch started = new CountDownLatch(1);
  // the client is shared: a stopped consumer takes its listener off it
  private volatile Runnable unlisten;

  RedisPubSubConsumer(RedisEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
    this.source = endpoint.source();
  }

  /**
   * Connects and subscribes on a thread of its own: a Redis that cannot be reached yet is retried
   * there (readiness says why); what is published meanwhile is not seen, as with any pub/sub
   * subscriber that is not subscribed.
   */
  @Override
  protected void doStart() throws Exception {
    super.doStart();
    started = new CountDownLatch(1);
    link = endpoint.links().acquire(endpoint.settings());
    check =
        ConnectionCheck.register(
                endpoint.getCamelContext(), "redis-source " + getRouteId(), link::downReason)
            .forRoute(getRouteId());
    running = true;
    connector =
        endpoint
            .getCamelContext()
            .getExecutorServiceManager()
            .newSingleThreadExecutor(this, "ofn-redis-pubsub-" + source.name());
    connector.submit(this::subscribe);
    awaitStarted();
  }

  private void subscribe() {
    RedissonClient client = link.connect(() -> running);
    while (client != null && running) {
      try {
        listen(client);
        started.countDown();
        return;
      } catch (RuntimeException e) {
        // Redis went away between connecting and subscribing: Redisson reconnects, try again
        LOG.warn("Subscribing to Redis {} failed, retrying: {}", source.name(), e.getMessage());
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      }
    }
  }

  /** Redisson subscribes again by itself after a reconnect. */
  private void listen(RedissonClient client) {
    if (source.channel() != null) {
      RTopic topic = client.getTopic(source.channel(), ByteArrayCodec.INSTANCE);
      int id =
          topic.addListener(
              byte[].class, (channel, message) -> deliver(channel.toString(), message));
      unlisten = () -> topic.removeListener(id);
      LOG.info("Subscribed to Redis channel {}", source.channel());
    } else {
      RPatternTopic topic = client.getPatternTopic(source.pattern(), ByteArrayCodec.INSTANCE);
      int id =
          topic.addListener(
              byte[].class, (pattern, channel, message) -> deliver(channel.toString(), message));
      unlisten = () -> topic.removeListener(id);
      LOG.info("Subscribed to Redis channels matching {}", source.pattern());
    }
  }

  private void deliver(String channel, byte[] message) {
    Exchange exchange = createExchange(false);
    try {
      exchange.getIn().setBody(message);
      exchange.getIn().setHeader(CloudEventHeaders.SUBJECT, channel);
      getProcessor().process(exchange);
      if (exchange.getException() != null) {
        LOG.error(
            "Event {} from Redis channel {} lost: delivery failed and pub/sub cannot redeliver: {}",
            exchange.getMessage().getHeader(CloudEventHeaders.ID),
            channel,
            exchange.getException().getMessage());
      }
    } catch (Exception e) {
      LOG.error("Message on Redis channel {} lost: {}", channel, e.getMessage());
    } finally {
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
    if (connector != null) {
      endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(connector);
      connector = null;
    }
    if (check != null) check.unregister();
    Runnable u = unlisten;
    unlisten = null;
    if (u != null) {
      try {
        u.run();
      } catch (RuntimeException e) {
        LOG.debug("Unsubscribing from Redis {} failed: {}", source.name(), e.toString());
      }
    }
    if (link != null) endpoint.links().release(link);
    link = null;
    super.doStop();
  }
}
