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
    @Doc("Reclaim stream entries pending longer than this (default 60s).") String redeliverInterval,
    @Doc("Stream entries idle longer than this are reclaimed (default 15s).")
        String processingTimeout,
    @OneOf({"node", "cluster"}) String redisType,
    String redisMinRetryInterval,
    String redisMaxRetryInterval,
    String dialTimeout,
    String readTimeout,
    String writeTimeout,
    String poolTimeout,
    String maxConnAge,
    String idleCheckFrequency,
    String idleTimeout,
    @Doc("Database number.") Long redisDB,
    Long redisMaxRetries,
    Long poolSize,
    Long minIdleConns,
    @Doc("Redis Stream key read with a consumer group (ofn-events).") String stream,
    @Doc("Pub/sub channel to SUBSCRIBE to (ofn-events).") String channel,
    @Doc("Pub/sub glob pattern to PSUBSCRIBE to (ofn-events).") String pattern) {}
