package io.ofnevents.runtime.redis;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** A Redis Stream or pub/sub channel to consume; producing is not supported. */
@UriEndpoint(
    firstVersion = "0.1.0",
    // options are read by the component into records; no generated setters to call
    generateConfigurer = false,
    scheme = "ofn-redis",
    title = "ofn-events Redis source",
    syntax = "ofn-redis:name",
    consumerOnly = true,
    category = {Category.MESSAGING})
public class RedisEndpoint extends DefaultEndpoint {
  /** The path only names the endpoint (ofn-X:source, ofn-X:sink); it has no meaning. */
  @UriPath(description = "Any name (source, sink): it only tells endpoints apart.")
  private final String name;

  @UriParam private final RedisSettings settings;
  @UriParam private final RedisSource source;

  RedisEndpoint(String uri, RedisComponent component, RedisSettings settings, RedisSource source) {
    super(uri, component);
    this.name = uri.replaceFirst("^[^:]+:(//)?", "").replaceFirst("\\?.*", "");
    this.settings = settings;
    this.source = source;
  }

  @Override
  public Producer createProducer() {
    throw new UnsupportedOperationException("ofn-redis is a source only: " + getEndpointUri());
  }

  @Override
  public Consumer createConsumer(Processor processor) throws Exception {
    Consumer consumer =
        source.isStream()
            ? new RedisStreamConsumer(this, processor)
            : new RedisPubSubConsumer(this, processor);
    configureConsumer(consumer);
    return consumer;
  }

  RedisSettings settings() {
    return settings;
  }

  RedisLinks links() {
    return ((RedisComponent) getComponent()).links();
  }

  RedisSource source() {
    return source;
  }

  /** Hides the password that the URI may carry. */
  @Override
  public String toString() {
    return "ofn-redis:" + source.name() + " on " + settings;
  }
}
