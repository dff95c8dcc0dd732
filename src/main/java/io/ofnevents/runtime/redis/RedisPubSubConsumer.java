package io.ofnevents.runtime.redis;

import io.ofnevents.runtime.CloudEventHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.redisson.Redisson;
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
  private RedissonClient client;

  RedisPubSubConsumer(RedisEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
    this.source = endpoint.source();
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    client = Redisson.create(endpoint.settings().toConfig("ofn-pubsub"));
    // addListener returns once the subscription is confirmed, so the route starts subscribed
    if (source.channel() != null) {
      client
          .getTopic(source.channel(), ByteArrayCodec.INSTANCE)
          .addListener(byte[].class, (channel, message) -> deliver(channel.toString(), message));
      LOG.info("Subscribed to Redis channel {}", source.channel());
    } else {
      client
          .getPatternTopic(source.pattern(), ByteArrayCodec.INSTANCE)
          .addListener(
              byte[].class, (pattern, channel, message) -> deliver(channel.toString(), message));
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

  @Override
  protected void doStop() throws Exception {
    if (client != null) client.shutdown();
    client = null;
    super.doStop();
  }
}
