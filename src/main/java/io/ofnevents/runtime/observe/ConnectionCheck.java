package io.ofnevents.runtime.observe;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * A readiness check of one connection the runtime needs (the bus, a Redis source, the condition
 * state store), in Camel's health-check registry: `/health/ready` and Camel K's health trait both
 * read it. DOWN carries the reason: which connection, which server, the error. Only camel-api is
 * needed, so a Kamelet user without camel-health simply has no registry to put it in.
 */
public final class ConnectionCheck implements HealthCheck {
  public static final String GROUP = "ofn";

  /** The detail naming the route a check belongs to, as Camel's consumer checks write it. */
  public static final String ROUTE_ID = "route.id";

  private final String id;
  private final Supplier<String> downReason;
  private volatile boolean enabled = true;
  private volatile String routeId;
  private HealthCheckRegistry registry;

  private ConnectionCheck(String id, Supplier<String> downReason) {
    this.id = id;
    this.downReason = downReason;
  }

  /**
   * Registers a check `id` that is DOWN whenever `downReason` returns a text (null means up); the
   * returned check must be {@link #unregister()}ed when the connection closes.
   */
  public static ConnectionCheck register(
      CamelContext context, String id, Supplier<String> downReason) {
    HealthCheckRegistry registry = HealthCheckRegistry.get(context);
    String unique = id;
    // two connections to the same servers (other credentials) get "id (2)", "id (3)"
    for (int n = 2; registry != null && registry.getCheck(unique).isPresent(); n++) {
      unique = id + " (" + n + ")";
    }
    ConnectionCheck check = new ConnectionCheck(unique, downReason);
    check.registry = registry;
    if (registry != null) registry.register(check);
    return check;
  }

  /** Says which route this check belongs to (a source's connection), for per-route readiness. */
  public ConnectionCheck forRoute(String routeId) {
    this.routeId = routeId;
    return this;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getGroup() {
    return GROUP;
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Readiness only: a lost connection is retried by the process, so it must not be restarted. */
  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  public Result call(Map<String, Object> options) {
    HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
    String reason;
    try {
      reason = downReason.get();
    } catch (RuntimeException e) {
      reason = "cannot tell: " + e.getMessage();
    }
    if (routeId != null) builder.detail(ROUTE_ID, routeId);
    return (reason == null ? builder.up() : builder.down().message(reason)).build();
  }

  /** Takes the check out of the registry: its connection is closed. */
  public void unregister() {
    if (registry != null) registry.unregister(this);
  }
}
