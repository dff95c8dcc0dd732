package io.ofnevents.runtime.redis;

import io.ofnevents.runtime.EndpointOptions;
import java.time.Duration;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;
import org.redisson.config.EqualJitterDelay;

/**
 * Connection settings of an `ofn-redis` endpoint, named after the upstream RedisSpec fields (which
 * were Dapr's go-redis options) and mapped onto the Redisson client that camel-redis brings.
 */
@UriParams
record RedisSettings(
    @UriParam(
            name = "redisHost",
            description =
                "host:port of the server; with failover the Sentinel addresses, with redisType cluster the node addresses (comma-separated).")
        String host,
    @UriParam(
            name = "redisPassword",
            label = "security",
            secret = true,
            description = "Password (AUTH) of the server.")
        String password,
    @UriParam(name = "redisDB", description = "Database number.") int database,
    @UriParam(name = "enableTLS", description = "Connect with TLS (rediss://).") boolean tls,
    @UriParam(description = "node or cluster.") String redisType,
    @UriParam(description = "Find the master through Sentinel; needs sentinelMasterName.")
        boolean failover,
    @UriParam(description = "Name of the master Sentinel watches.") String sentinelMasterName,
    @UriParam(description = "Connect timeout, Go style (5s) or ISO-8601.") Duration dialTimeout,
    @UriParam(description = "Timeout of one command, Go style (3s) or ISO-8601.")
        Duration readTimeout,
    @UriParam(name = "redisMaxRetries", description = "How often a failed command is retried.")
        int maxRetries,
    @UriParam(
            name = "redisMinRetryInterval",
            description = "Shortest wait before a command is retried.")
        Duration minRetryInterval,
    @UriParam(
            name = "redisMaxRetryInterval",
            description = "Longest wait before a command is retried.")
        Duration maxRetryInterval,
    @UriParam(description = "Most connections kept to the server.") Integer poolSize,
    @UriParam(description = "Fewest idle connections kept open.") Integer minIdleConns,
    @UriParam(description = "Idle connections are closed after this long.") Duration idleTimeout) {

  static RedisSettings read(String uri, EndpointOptions o) {
    RedisSettings s =
        new RedisSettings(
            o.required("redisHost"),
            o.string("redisPassword", null),
            o.integer("redisDB", 0),
            o.bool("enableTLS", false),
            o.oneOf("redisType", "node", "node", "cluster"),
            o.bool("failover", false),
            o.string("sentinelMasterName", null),
            o.duration("dialTimeout", Duration.ofSeconds(5)),
            o.duration("readTimeout", Duration.ofSeconds(3)),
            o.integer("redisMaxRetries", 3),
            o.duration("redisMinRetryInterval", Duration.ofMillis(8)),
            o.duration("redisMaxRetryInterval", Duration.ofMillis(512)),
            boxed(o.optionalNumber("poolSize")),
            boxed(o.optionalNumber("minIdleConns")),
            o.duration("idleTimeout", Duration.ofMinutes(5)));
    if (s.failover && s.sentinelMasterName == null) {
      throw new ResolveEndpointFailedException(uri, "failover=true needs sentinelMasterName");
    }
    if (s.failover && s.redisType.equals("cluster")) {
      throw new ResolveEndpointFailedException(
          uri, "failover and redisType=cluster exclude each other");
    }
    return s;
  }

  /** The Redisson configuration: single node, Sentinel (failover) or Cluster. */
  Config toConfig(String clientName) {
    Config config = new Config();
    String address = (tls ? "rediss://" : "redis://") + host;
    if (failover) {
      var c =
          config
              .useSentinelServers()
              .setMasterName(sentinelMasterName)
              .addSentinelAddress(host.split(","))
              .setCheckSentinelsList(false)
              .setDatabase(database);
      if (poolSize != null) c.setMasterConnectionPoolSize(poolSize);
      if (minIdleConns != null) c.setMasterConnectionMinimumIdleSize(minIdleConns);
      common(c, clientName);
    } else if (redisType.equals("cluster")) {
      var c = config.useClusterServers();
      for (String node : host.split(",")) c.addNodeAddress((tls ? "rediss://" : "redis://") + node);
      if (poolSize != null) c.setMasterConnectionPoolSize(poolSize);
      if (minIdleConns != null) c.setMasterConnectionMinimumIdleSize(minIdleConns);
      common(c, clientName);
    } else {
      var c = config.useSingleServer().setAddress(address).setDatabase(database);
      if (poolSize != null) c.setConnectionPoolSize(poolSize);
      if (minIdleConns != null) c.setConnectionMinimumIdleSize(minIdleConns);
      common(c, clientName);
    }
    return config;
  }

  private void common(BaseConfig<?> c, String clientName) {
    c.setClientName(clientName)
        .setConnectTimeout(millis(dialTimeout))
        .setTimeout(millis(readTimeout))
        .setRetryAttempts(maxRetries)
        .setRetryDelay(new EqualJitterDelay(minRetryInterval, maxRetryInterval))
        .setIdleConnectionTimeout(millis(idleTimeout));
    if (password != null) c.setPassword(password);
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  private static Integer boxed(Long value) {
    return value == null ? null : Math.toIntExact(value);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "redis " + host + " db " + database + (tls ? " (TLS)" : "");
  }
}
