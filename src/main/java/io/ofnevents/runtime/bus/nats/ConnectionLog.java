package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.support.Status;
import io.ofnevents.runtime.bus.Redact;
import io.ofnevents.runtime.observe.LogLines;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what happens to a NATS connection once per change: a server restart is one "disconnected"
 * and one "reconnected" line, not one line per reconnect attempt.
 */
final class ConnectionLog implements ConnectionListener, ErrorListener {
  private static final Logger LOG = LoggerFactory.getLogger("io.ofnevents.bus.nats");
  private final String servers;
  private final AtomicBoolean down = new AtomicBoolean();
  private volatile boolean wasConnected;
  private volatile Exception lastException;
  private volatile Runnable onReconnect = () -> {};
  private volatile PullStatusListener onPullStatus = (sub, status, error) -> {};

  /** Hears jnats' pull statuses (408 expiries, 409 consumer deleted, ...) of dispatched pulls. */
  interface PullStatusListener {
    void status(JetStreamSubscription sub, Status status, boolean error);
  }

  ConnectionLog(String servers) {
    this.servers = servers;
  }

  /** Runs `action` (quickly, on jnats' thread) each time the connection is re-established. */
  void onReconnect(Runnable action) {
    onReconnect = action;
  }

  void onPullStatus(PullStatusListener listener) {
    onPullStatus = listener;
  }

  @Override
  public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
    onPullStatus.status(sub, status, false);
  }

  @Override
  public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
    LOG.debug("NATS {}: pull status {} on {}", servers, status, sub.getSubject());
    onPullStatus.status(sub, status, true);
  }

  @Override
  public void connectionEvent(Connection conn, Events type) {
    switch (type) {
      case CONNECTED -> wasConnected = true;
      case DISCONNECTED -> {
        // a first connection that fails is reported by whoever tried to connect
        if (wasConnected && down.compareAndSet(false, true)) {
          LOG.warn(LogLines.BUS_LOST, servers);
        }
      }
      case RECONNECTED -> {
        if (down.compareAndSet(true, false)) {
          LOG.info(LogLines.BUS_RECONNECTED, servers, Redact.urls(conn.getConnectedUrl()));
        }
        onReconnect.run();
      }
      case LAME_DUCK -> LOG.info("NATS server {} is shutting down (lame duck)", servers);
      default -> LOG.debug("NATS {}: {}", servers, type);
    }
  }

  @Override
  public void errorOccurred(Connection conn, String error) {
    LOG.warn("NATS {}: {}", servers, Redact.urls(error));
  }

  /** The last exception jnats reported (why a connect failed), or null. */
  Exception lastException() {
    return lastException;
  }

  /** {@link #lastException()} as text without secrets, or null. */
  String lastError() {
    Exception e = lastException;
    return e == null ? null : Redact.urls(e.toString());
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    lastException = exp;
    // I/O errors come with a disconnect (logged once above) and repeat on every reconnect attempt;
    // a first connection that fails is reported by whoever tried to connect.
    if (!wasConnected || down.get() || exp instanceof java.io.IOException) {
      LOG.debug("NATS {}: {}", servers, Redact.urls(exp.toString()));
    } else {
      LOG.warn("NATS {}: {}", servers, Redact.urls(exp.toString()));
    }
  }
}
