package io.ofnevents.runtime.redis;

import io.ofnevents.runtime.bus.Redact;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.BaseRedisNodes;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.RedisAuthRequiredException;
import org.redisson.client.RedisWrongPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redisson client, shared by the `ofn-redis` consumers with the same settings ({@link
 * RedisLinks}): made by the first consumer that needs it, on that consumer's thread, and retried
 * with a bounded, jittered backoff while Redis cannot be reached (Redisson reconnects by itself
 * only once it had a first connection); the others wait for it. {@link #downReason()} says what is
 * wrong for /health/ready.
 */
final class RedisLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
  static final Duration FIRST_RETRY = Duration.ofMillis(250);
  static final Duration MAX_RETRY = Duration.ofSeconds(10);
  static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  /** How long a consumer's start waits for a Redis that accepts connections to be set up. */
  static final Duration START_WAIT = Duration.ofSeconds(15);

  private final RedisSettings settings;
  private final String clientName;
  private volatile RedissonClient client;
  private volatile String failure = "connecting";
  private volatile int attempts;
  private volatile long nextAttemptNanos;
  private volatile boolean failedOnce;
  private volatile boolean closed;
  // guarded by `this`: a consumer's thread is connecting
  private boolean connecting;

  RedisLink(RedisSettings settings, String clientName) {
    this.settings = settings;
    this.clientName = clientName;
  }

  /**
   * The client, once connected: the first caller connects (retrying while `running`), the others
   * wait for it; null when `running` turned false first.
   */
  RedissonClient connect(BooleanSupplier running) {
    while (running.getAsBoolean() && !closed) {
      RedissonClient c = client;
      if (c != null) return c;
      boolean mine;
      synchronized (this) {
        mine = !connecting;
        connecting = true;
      }
      if (mine) {
        try {
          return connectHere(() -> running.getAsBoolean() && !closed);
        } finally {
          synchronized (this) {
            connecting = false;
          }
        }
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return client;
  }

  /** Whether an attempt to connect failed already: a consumer's start need not wait any more. */
  boolean failedOnce() {
    return failedOnce;
  }

  /**
   * Connects, retrying until it worked or `running` turned false; returns the client or null. The
   * first failure is logged at WARN (ERROR when Redis refused the credentials), the next ones at
   * DEBUG; /health/ready carries the latest.
   */
  private RedissonClient connectHere(BooleanSupplier running) {
    long delay = FIRST_RETRY.toMillis();
    while (running.getAsBoolean()) {
      attempts++;
      try {
        probe();
        RedissonClient c = Redisson.create(settings.toConfig(clientName));
        client = c;
        failure = null;
        if (attempts > 1) LOG.info("Connected to {} after {} attempts", settings, attempts);
        return c;
      } catch (IOException | RuntimeException e) {
        failedOnce = true;
        boolean refused = refused(e);
        failure = (refused ? "refused by " : "cannot connect to ") + settings + ": " + cause(e);
        if (attempts == 1 || refused) {
          String line = "{}; retrying in the background (first in {} ms)";
          if (refused) LOG.error(line, failure, delay);
          else LOG.warn(line, failure, delay);
        } else {
          LOG.debug("Attempt {}: {}", attempts, failure);
        }
      }
      // equal jitter: half the delay fixed, half random, so replicas do not retry in lockstep
      long wait = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
      nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
      long until = nextAttemptNanos;
      while (running.getAsBoolean() && System.nanoTime() - until < 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(
            Math.min(until - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
      }
      delay = Math.min(delay * 2, MAX_RETRY.toMillis());
    }
    return null;
  }

  RedissonClient client() {
    return client;
  }

  /**
   * A plain TCP connect to each host first: Redisson takes seconds (its retries) to report a
   * refused connection, a socket a moment.
   */
  private void probe() throws IOException {
    IOException last = null;
    for (String hostPort : settings.host().split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
      int port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1).trim()) : 6379;
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host.trim(), port), (int) PROBE_TIMEOUT.toMillis());
        return;
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  /** Null while Redis answers; otherwise which server and what went wrong. */
  String downReason() {
    RedissonClient c = client;
    if (c == null) {
      long next = Math.max(0, nextAttemptNanos - System.nanoTime());
      return String.format(
          "%s (attempt %d, next in %d ms)", failure, attempts, TimeUnit.NANOSECONDS.toMillis(next));
    }
    try {
      if (nodes(c).pingAll(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) return null;
      return settings + " does not answer PING";
    } catch (RuntimeException e) {
      return settings + " does not answer PING: " + cause(e);
    }
  }

  private BaseRedisNodes nodes(RedissonClient c) {
    if (settings.failover()) return c.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE);
    if (settings.redisType().equals("cluster")) return c.getRedisNodes(RedisNodes.CLUSTER);
    return c.getRedisNodes(RedisNodes.SINGLE);
  }

  @Override
  public void close() {
    closed = true;
    RedissonClient c = client;
    client = null;
    failure = "closed";
    if (c != null) c.shutdown();
  }

  /** Redis answered and refused the credentials: worth an ERROR, retrying will not fix it. */
  private static boolean refused(Throwable e) {
    if (e instanceof IOException) return false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RedisWrongPasswordException || t instanceof RedisAuthRequiredException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause: Redisson wraps "Connection refused" four levels deep. */
  private static String cause(Throwable e) {
    if (e instanceof IOException) return e.toString();
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    int channel = m.indexOf(". channel: "); // the netty channel and command that follow
    return Redact.urls(channel > 0 ? m.substring(0, channel + 1) : m);
  }
}
