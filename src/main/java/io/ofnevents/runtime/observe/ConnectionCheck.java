package io.ofnevents.runtime.observe;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness check of one connection the runtime needs (the bus, a Redis source, the condition
 * state store), in Camel's health-check registry: `/health/ready` and Camel K's health trait both
 * read it. DOWN carries the reason: which connection, which server, the error.
 */
public final class ConnectionCheck extends AbstractHealthCheck {
  public static final String GROUP = "ofn";

  private final Supplier<String> downReason;
  private HealthCheckRegistry registry;

  private ConnectionCheck(String id, Supplier<String> downReason) {
    super(GROUP, id);
    this.downReason = downReason;
  }

  /**
   * Registers a check `id` that is DOWN whenever `downReason` returns a text (null means up); the
   * returned check must be {@link #unregister()}ed when the connection closes.
   */
  public static ConnectionCheck register(
      CamelContext context, String id, Supplier<String> downReason) {
    ConnectionCheck check = new ConnectionCheck(id, downReason);
    check.registry = HealthCheckRegistry.get(context);
    if (check.registry != null) {
      check.setCamelContext(context);
      check.registry.unregister(check); // one of an earlier connection with this id, if any
      check.registry.register(check);
    }
    return check;
  }

  /** Readiness only: a lost connection is retried by the process, so it must not be restarted. */
  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    String reason = downReason.get();
    if (reason == null) {
      builder.up();
    } else {
      builder.down().message(reason);
    }
  }

  public void unregister() {
    if (registry != null) registry.unregister(this);
  }
}
