package io.ofnevents.runtime.redis;

import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.SecretOptions;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * `ofn-redis:source?redisHost=host:port&stream=KEY&group=G` (or `channel=` / `pattern=`): a Redis
 * Stream read through a consumer group with at-least-once acknowledgement, or a pub/sub channel.
 */
@Component("ofn-redis")
public class RedisComponent extends DefaultComponent {
  private final RedisLinks links = new RedisLinks();

  @Override
  protected void doInit() throws Exception {
    super.doInit();
    SecretOptions.register(getCamelContext(), RedisSettings.class);
  }

  /** The Redisson clients that this component's consumers share. */
  RedisLinks links() {
    return links;
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    RedisSettings settings = RedisSettings.read(uri, o);
    RedisSource source = RedisSource.read(uri, o);
    o.rejectUnknown();
    return new RedisEndpoint(uri, this, settings, source);
  }
}
