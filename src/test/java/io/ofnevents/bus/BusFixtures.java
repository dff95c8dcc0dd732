package io.ofnevents.bus;

import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.bus.ConsumerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Small builders for driver-level bus tests. */
final class BusFixtures {
  private BusFixtures() {}

  /** Bus options as an `ofn-bus:` endpoint would read them from `key, value, ...`. */
  static BusOptions options(String... keyValues) {
    Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) params.put(keyValues[i], keyValues[i + 1]);
    EndpointOptions o = new EndpointOptions("ofn-bus:test", params);
    BusOptions options = BusOptions.read(o);
    o.rejectUnknown();
    return options;
  }

  static ConsumerSettings queue(String name, Duration ackWait) {
    return new ConsumerSettings(name, true, 1, ackWait, -1, 1000, "new", null, null);
  }

  static ConsumerSettings policy(String name, String policy, Long sequence, Instant time) {
    return new ConsumerSettings(
        name, true, 1, Duration.ofSeconds(30), -1, 1000, policy, sequence, time);
  }

  static BusMessage event(String id, String body) {
    return new BusMessage(
        Map.of(
            "ce-id", id,
            "ce-specversion", "1.0",
            "ce-source", "/test",
            "ce-type", "test.event"),
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        id);
  }
}
