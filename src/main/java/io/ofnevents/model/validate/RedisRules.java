package io.ofnevents.model.validate;

import io.ofnevents.model.Durations;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.RedisSpec;
import java.time.Duration;

/**
 * Rules of a Redis event source (`spec.redis.<event>`): connection fields as upstream, and our
 * `stream`, `channel` and `pattern`, which say what is read.
 */
final class RedisRules {
  private RedisRules() {}

  static void check(RedisSpec s, String path, Reporter r) {
    String host = FieldPath.join(path, "redisHost");
    boolean failover = Boolean.TRUE.equals(s.failover());
    boolean cluster = "cluster".equals(s.redisType());
    if (s.redisHost() != null) {
      if (!failover && !cluster && s.redisHost().contains(",")) {
        r.error(host, "only one host:port unless failover is true or redisType is cluster");
      }
      KafkaRules.hostPorts(s.redisHost(), host, r);
    }
    CommonRules.upstreamSecret(s.redisPassword(), FieldPath.join(path, "redisPassword"), r);
    if (failover && s.sentinelMasterName() == null) {
      r.error(FieldPath.join(path, "sentinelMasterName"), "required when failover is true");
    }
    if (!failover && s.sentinelMasterName() != null) {
      r.warning(
          FieldPath.join(path, "sentinelMasterName"), "has no effect unless failover is true");
    }
    if (failover && cluster)
      r.error(path, "failover (Sentinel) and redisType cluster exclude each other");
    if (s.redisDB() != null && (s.redisDB() < 0 || s.redisDB() > 15)) {
      r.error(
          FieldPath.join(path, "redisDB"), "must be between 0 and 15 (got " + s.redisDB() + ")");
    } else if (s.redisDB() != null && s.redisDB() != 0 && cluster) {
      r.error(FieldPath.join(path, "redisDB"), "a Redis cluster has only database 0");
    }
    atLeast(s.redisMaxRetries(), 0, FieldPath.join(path, "redisMaxRetries"), r);
    atLeast(s.poolSize(), 1, FieldPath.join(path, "poolSize"), r);
    atLeast(s.minIdleConns(), 0, FieldPath.join(path, "minIdleConns"), r);
    if (s.poolSize() != null && s.minIdleConns() != null && s.minIdleConns() > s.poolSize()) {
      r.error(
          FieldPath.join(path, "minIdleConns"), "must not exceed poolSize (" + s.poolSize() + ")");
    }
    for (String field :
        new String[] {"dialTimeout", "readTimeout", "idleTimeout", "redisMinRetryInterval"}) {
      CommonRules.duration(value(s, field), FieldPath.join(path, field), r);
    }
    CommonRules.duration(
        s.redisMaxRetryInterval(), FieldPath.join(path, "redisMaxRetryInterval"), r);
    Duration min = parse(s.redisMinRetryInterval());
    Duration max = parse(s.redisMaxRetryInterval());
    if (min != null && max != null && min.compareTo(max) > 0) {
      r.error(
          FieldPath.join(path, "redisMaxRetryInterval"),
          "must not be shorter than redisMinRetryInterval");
    }
    source(s, path, r);
  }

  private static void source(RedisSpec s, String path, Reporter r) {
    int modes =
        (s.stream() != null ? 1 : 0)
            + (s.channel() != null ? 1 : 0)
            + (s.pattern() != null ? 1 : 0);
    if (modes > 1) r.error(path, "set at most one of stream, channel and pattern");
    notBlank(s.stream(), FieldPath.join(path, "stream"), r);
    notBlank(s.channel(), FieldPath.join(path, "channel"), r);
    notBlank(s.pattern(), FieldPath.join(path, "pattern"), r);
    CommonRules.duration(s.redeliverInterval(), FieldPath.join(path, "redeliverInterval"), r);
    CommonRules.duration(s.processingTimeout(), FieldPath.join(path, "processingTimeout"), r);
    if (s.channel() != null || s.pattern() != null) {
      String why = "applies to streams only; pub/sub messages cannot be redelivered";
      if (s.redeliverInterval() != null)
        r.warning(FieldPath.join(path, "redeliverInterval"), "has no effect: " + why);
      if (s.processingTimeout() != null)
        r.warning(FieldPath.join(path, "processingTimeout"), "has no effect: " + why);
    }
  }

  private static void notBlank(String value, String path, Reporter r) {
    if (value != null && value.isBlank()) r.error(path, "must not be empty");
  }

  private static void atLeast(Long value, long min, String path, Reporter r) {
    if (value != null && value < min) {
      r.error(path, "must be at least " + min + " (got " + value + ")");
    }
  }

  private static String value(RedisSpec s, String field) {
    return switch (field) {
      case "dialTimeout" -> s.dialTimeout();
      case "readTimeout" -> s.readTimeout();
      case "idleTimeout" -> s.idleTimeout();
      default -> s.redisMinRetryInterval();
    };
  }

  private static Duration parse(String value) {
    if (value == null) return null;
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      return null; // reported by the duration rule
    }
  }
}
