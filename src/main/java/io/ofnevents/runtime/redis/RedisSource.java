package io.ofnevents.runtime.redis;

import io.ofnevents.runtime.EndpointOptions;
import java.time.Duration;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * What an `ofn-redis` endpoint reads: a stream (with its consumer group and reclaim timing), a
 * channel or a pattern. Exactly one of the three is set.
 *
 * @param redeliverInterval how often entries pending too long are looked for (Dapr's meaning)
 * @param processingTimeout how long an entry must be pending before another consumer claims it
 */
@UriParams
record RedisSource(
    @UriParam(description = "Key of the Redis Stream to consume with a consumer group.")
        String stream,
    @UriParam(description = "Pub/sub channel to SUBSCRIBE to.") String channel,
    @UriParam(description = "Pub/sub glob pattern to PSUBSCRIBE to.") String pattern,
    @UriParam(
            description =
                "Consumer group of the stream; ofn-events uses {namespace}-{eventSource}-{event}.")
        String group,
    @UriParam(description = "Consumer name within the group (default: this replica).")
        String consumer,
    @UriParam(description = "How often entries pending too long are claimed again.")
        Duration redeliverInterval,
    @UriParam(description = "How long an entry stays pending before it is claimed again.")
        Duration processingTimeout,
    @UriParam(description = "Stream entries read per XREADGROUP.") int batchSize,
    @UriParam(description = "How long one XREADGROUP waits for entries.") Duration block) {
  static final Duration DEFAULT_REDELIVER_INTERVAL = Duration.ofSeconds(60);
  static final Duration DEFAULT_PROCESSING_TIMEOUT = Duration.ofSeconds(15);

  static RedisSource read(String uri, EndpointOptions o) {
    String stream = o.string("stream", null);
    String channel = o.string("channel", null);
    String pattern = o.string("pattern", null);
    int modes = (stream != null ? 1 : 0) + (channel != null ? 1 : 0) + (pattern != null ? 1 : 0);
    if (modes != 1) {
      throw new ResolveEndpointFailedException(
          uri, "set exactly one of stream, channel and pattern");
    }
    String group = o.string("group", null);
    if (stream != null && group == null) {
      throw new ResolveEndpointFailedException(uri, "a stream needs group=<consumer group>");
    }
    RedisSource s =
        new RedisSource(
            stream,
            channel,
            pattern,
            group,
            o.string("consumer", null),
            o.duration("redeliverInterval", DEFAULT_REDELIVER_INTERVAL),
            o.duration("processingTimeout", DEFAULT_PROCESSING_TIMEOUT),
            o.integer("batchSize", 10),
            o.duration("block", Duration.ofSeconds(1)));
    if (stream == null && (group != null || s.consumer != null)) {
      throw new ResolveEndpointFailedException(uri, "group and consumer apply to a stream only");
    }
    return s;
  }

  boolean isStream() {
    return stream != null;
  }

  /** The key, channel or pattern, for messages. */
  String name() {
    return stream != null ? stream : channel != null ? channel : pattern;
  }
}
