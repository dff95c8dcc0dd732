package io.ofnevents.k8s.operator.status;

import java.util.LinkedHashMap;
import java.util.Map;

/** `status.address` of an addressable kind (Broker, Sequence, Parallel) and its condition. */
final class Address {
  private Address() {}

  /**
   * Writes `address` `{name: http, url}` and marks `condition` True; without an address removes it
   * and marks `condition` False with the kind's `reason` and `message` (Knative's differ by kind).
   */
  static void mark(Findings f, KnStatus s, String condition, String reason, String message) {
    if (f.address() == null) {
      s.field("address", null);
      s.markFalse(condition, reason, message);
      return;
    }
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("name", "http");
    address.put("url", f.address());
    s.field("address", address);
    s.markTrue(condition);
  }
}
