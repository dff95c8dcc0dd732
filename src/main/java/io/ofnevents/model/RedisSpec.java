package io.ofnevents.model;

/**
 * A Redis event source. Upstream had no way to say what to read; ofn-events adds `stream`,
 * `channel` and `pattern` (with none, the stream key is the event name).
 */
public record RedisSpec(
    @Required @Doc("host:port of the Redis server.") String redisHost,
    @Doc("Password: ${env:VAR} or {secretKeyRef: {name, key}}.") SecretValue redisPassword,
    Boolean enableTLS,
    Boolean failover,
    String sentinelMasterName,
    @Doc("How often stream entries pending too long are claimed again (default 60s).")
        String redeliverInterval,
    @Doc("How long a stream entry stays pending before it is claimed again (default 15s).")
        String processingTimeout,
    @OneOf({"node", "cluster"}) String redisType,
    String redisMinRetryInterval,
    String redisMaxRetryInterval,
    String dialTimeout,
    String readTimeout,
    @Unused("the Redis client (Redisson) has one command timeout, readTimeout") String writeTimeout,
    @Unused("the Redis client (Redisson) has no pool wait timeout") String poolTimeout,
    @Unused("the Redis client (Redisson) does not recycle connections by age") String maxConnAge,
    @Unused("the Redis client (Redisson) closes connections idle for idleTimeout on its own")
        String idleCheckFrequency,
    String idleTimeout,
    @Doc("Database number.") Long redisDB,
    Long redisMaxRetries,
    Long poolSize,
    Long minIdleConns,
    @Doc("Redis Stream key read with a consumer group (ofn-events).") String stream,
    @Doc("Pub/sub channel to SUBSCRIBE to (ofn-events).") String channel,
    @Doc("Pub/sub glob pattern to PSUBSCRIBE to (ofn-events).") String pattern) {}
