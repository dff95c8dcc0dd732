package io.ofnevents.runtime.mqtt;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of one MQTT source: UP only while its client is connected and subscribed, else DOWN
 * with the reason (not connected, or the broker refused the subscription). Camel's consumer health
 * repository picks it up for the route, and `/health/ready` reports it. Implemented on camel-api
 * alone (not camel-health's AbstractHealthCheck), so the component runs without camel-health.
 */
final class MqttHealthCheck implements HealthCheck {
  private final String id;
  private final Supplier<String> problem;
  private volatile boolean enabled = true;

  /** `problem` gives null while all is well, else why the source receives nothing. */
  MqttHealthCheck(String clientId, Supplier<String> problem) {
    this.id = "mqtt-" + clientId;
    this.problem = problem;
  }

  @Override
  public String getGroup() {
    return "ofn";
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** A broker that is away does not make the process need a restart. */
  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  public Result call(Map<String, Object> options) {
    HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
    String p = problem.get();
    return (p == null ? builder.up() : builder.down().message(p)).build();
  }
}
