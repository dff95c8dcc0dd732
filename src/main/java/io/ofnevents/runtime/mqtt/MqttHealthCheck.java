package io.ofnevents.runtime.mqtt;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one MQTT source: UP only while its client is connected and subscribed, else DOWN
 * with the reason (not connected, or the broker refused the subscription). Camel's consumer health
 * repository picks it up for the route, and `/health/ready` reports it.
 */
final class MqttHealthCheck extends AbstractHealthCheck {
  private final Supplier<String> problem;

  /** `problem` gives null while all is well, else why the source receives nothing. */
  MqttHealthCheck(String clientId, Supplier<String> problem) {
    super("ofn", "mqtt-" + clientId);
    this.problem = problem;
  }

  /** A broker that is away does not make the process need a restart. */
  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    String p = problem.get();
    if (p == null) builder.up();
    else builder.down().message(p);
  }
}
