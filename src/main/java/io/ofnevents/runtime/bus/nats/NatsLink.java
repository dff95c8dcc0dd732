package io.ofnevents.runtime.bus.nats;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.bus.Redact;
import io.ofnevents.runtime.observe.LogLines;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NATS connection that survives a server that is not there yet: the first connect is tried at
 * once, and when the server cannot be reached it is retried in the background with a bounded,
 * jittered backoff until it answers; from then on jnats keeps it (it reconnects for as long as the
 * process runs). A server that answers but refuses us (credentials, TLS) fails the start instead,
 * since waiting does not fix it. {@link #downReason()} says what is wrong for /health/ready.
 */
public final class NatsLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.ofnevents.bus.nats");
  static final Duration FIRST_RETRY = Duration.ofMillis(250);
  static final Duration MAX_RETRY = Duration.ofSeconds(10);

  /**
   * How long a publish or a state update waits for a server that was not reachable yet; then it
   * fails and its source keeps the record (Kafka seeks back, a Redis entry stays pending, a
   * Trigger's event is redelivered) to try again later.
   */
  public static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

  private final Options options;
  private final ConnectionLog events;
  private final String what;
  private final String servers;
  private final CountDownLatch connected = new CountDownLatch(1);
  private volatile Connection nc;
  private volatile String failure;
  private volatile int attempts;
  private volatile long nextAttemptNanos;
  private volatile boolean closed;
  private volatile boolean stopping;
  private final List<Consumer<Connection>> onConnect = new ArrayList<>();
  private Thread retrier;

  private NatsLink(BusOptions o, String name, String what) {
    this.servers = Redact.urls(o.servers());
    this.events = new ConnectionLog(servers);
    this.options = NatsConnector.options(o, name, events); // bad TLS files fail here, at once
    this.what = what;
  }

  /**
   * Connects `what` (e.g. "the bus", for messages) now, or starts retrying in the background when
   * the server cannot be reached. Throws {@link NatsUnavailableException} when a server refused us.
   */
  public static NatsLink open(BusOptions o, String name, String what) {
    NatsLink link = new NatsLink(o, name, what);
    link.firstAttempt();
    return link;
  }

  private void firstAttempt() {
    try {
      attempt();
    } catch (IOException e) {
      if (refused(e)) throw new NatsUnavailableException(message(e), e);
      LOG.warn(LogLines.NATS_UNREACHABLE, what, FIRST_RETRY.toMillis(), failure);
      retrier = new Thread(this::retryLoop, "ofn-nats-connect-" + servers);
      retrier.setDaemon(true);
      retrier.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsUnavailableException(message(e), e);
    }
  }

  private void attempt() throws IOException, InterruptedException {
    attempts++;
    Connection c;
    try {
      c = Nats.connect(options);
    } catch (IOException e) {
      failure = message(e);
      throw e;
    }
    // Whoever waits for the connection (subscriptions to bind) goes first, and only then is it
    // handed out: in one process a Trigger's durable must exist before a source publishes the
    // events it is to read, or a `deliver: new` durable created a moment later would skip them.
    while (true) {
      List<Consumer<Connection>> pending;
      synchronized (this) {
        if (closed) { // closed while connecting: nobody else would close it
          NatsConnector.closeQuietly(c);
          return;
        }
        if (onConnect.isEmpty()) {
          nc = c;
          failure = null;
          break;
        }
        pending = List.copyOf(onConnect);
        onConnect.clear();
      }
      pending.forEach(action -> run(action, c));
    }
    connected.countDown();
  }

  private void retryLoop() {
    long delay = FIRST_RETRY.toMillis();
    while (!closed) {
      // equal jitter: half the delay fixed, half random, so replicas do not retry in lockstep
      long wait = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
      nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
      try {
        Thread.sleep(wait);
        attempt();
        if (nc != null) {
          LOG.info(LogLines.NATS_CONNECTED, what, servers, attempts);
          return;
        }
      } catch (InterruptedException e) {
        return; // closed
      } catch (IOException e) {
        LOG.debug("Attempt {} to connect {} failed: {}", attempts, what, failure);
      }
      delay = Math.min(delay * 2, MAX_RETRY.toMillis());
    }
  }

  /** What jnats reports about the connection (for listeners of reconnects and pull statuses). */
  ConnectionLog events() {
    return events;
  }

  /** The connection, or null while the server has not been reached yet. */
  public Connection connection() {
    return nc;
  }

  /**
   * The connection, waiting up to `timeout` for the server to be reached first.
   *
   * @throws NatsUnavailableException if it was not reached in time (the caller retries later)
   */
  public Connection await(Duration timeout) {
    Connection c = nc;
    if (c != null) return c;
    try {
      if (connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && nc != null) return nc;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String why = closed ? "closed" : stopping ? "stopping" : "not reachable yet: " + failure;
    throw new NatsUnavailableException(Redact.urls(what + " is " + why), null);
  }

  /**
   * Runs `action` with the connection once the server was reached: now if it was, else on the
   * thread that connects, before the connection is handed to anyone else. A failing action is
   * logged, not retried.
   */
  public void whenConnected(Consumer<Connection> action) {
    Connection c;
    synchronized (this) {
      c = nc;
      if (c == null) {
        onConnect.add(action);
        return;
      }
    }
    run(action, c);
  }

  private static void run(Consumer<Connection> action, Connection c) {
    try {
      action.accept(c);
    } catch (RuntimeException e) {
      LOG.error("Setting up a subscription after connecting to NATS failed: {}", e.getMessage());
    }
  }

  /** Waits for the server end now (the context stops); the connection is still retried. */
  public void stopWaiting() {
    stopping = true;
    connected.countDown();
  }

  /** Null when connected; otherwise which servers and what went wrong. */
  public String downReason() {
    Connection c = nc;
    if (c == null) {
      if (closed) return "closed";
      long next = Math.max(0, nextAttemptNanos - System.nanoTime());
      return String.format(
          "%s (attempt %d, next in %d ms)", failure, attempts, TimeUnit.NANOSECONDS.toMillis(next));
    }
    Connection.Status status = c.getStatus();
    if (status == Connection.Status.CONNECTED) return null;
    String last = events.lastError();
    return "NATS at "
        + servers
        + " is "
        + status.name().toLowerCase(java.util.Locale.ROOT)
        + (last == null ? "" : " (" + last + ")");
  }

  /** Stops retrying and closes the connection; never throws. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    connected.countDown(); // wakes waiters, which then see `closed`
    if (retrier != null) retrier.interrupt();
    Connection c = nc;
    if (c != null) NatsConnector.closeQuietly(c);
  }

  /** The server answered and refused us: credentials or TLS, which waiting does not fix. */
  private boolean refused(IOException e) {
    if (e instanceof AuthenticationException) return true;
    for (Throwable t = events.lastException(); t != null; t = t.getCause()) {
      if (t instanceof SSLException) return true;
    }
    return false;
  }

  private String message(Exception e) {
    // jnats' own message is "Unable to connect to NATS servers: [...]"; its listener got why
    String cause = events.lastError();
    String text = e.getMessage() == null ? e.toString() : e.getMessage();
    String detail = e instanceof AuthenticationException || cause == null ? text : cause;
    return Redact.urls("cannot connect to NATS at " + servers + ": " + detail);
  }
}
