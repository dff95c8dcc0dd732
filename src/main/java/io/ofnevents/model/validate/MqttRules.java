package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.MqttSpec;
import java.util.regex.Pattern;

/** Rules of an MQTT event source (`spec.mqtt.<event>`). */
final class MqttRules {
  private static final Pattern URL =
      Pattern.compile("(tcp|ssl|ws|wss|mqtt|mqtts)://[^\\s/:]+(:\\d{1,5})?/?");

  private MqttRules() {}

  static void check(MqttSpec m, String path, Reporter r) {
    if (m.url() != null && !URL.matcher(m.url()).matches()) {
      r.error(
          FieldPath.join(path, "url"),
          "\""
              + m.url()
              + "\" is not an MQTT broker URL such as tcp://host:1883 or ssl://host:8883");
    }
    if (m.topic() != null) topicFilter(m.topic(), FieldPath.join(path, "topic"), r);
    if (m.qos() != null && (m.qos() < 0 || m.qos() > 2)) {
      r.error(FieldPath.join(path, "qos"), "must be 0, 1 or 2 (got " + m.qos() + ")");
    }
    if (m.retain() != null) {
      r.warning(
          FieldPath.join(path, "retain"),
          "has no effect: it sets the retain flag of published messages, and a source only"
              + " subscribes");
    }
    CommonRules.upstreamSecret(m.clientKey(), FieldPath.join(path, "clientKey"), r);
    if (m.clientCert() != null && m.clientKey() == null) {
      r.error(FieldPath.join(path, "clientKey"), "required with clientCert");
    }
    if (m.clientKey() != null && m.clientCert() == null) {
      r.error(FieldPath.join(path, "clientCert"), "required with clientKey");
    }
    boolean tls = m.url() != null && m.url().matches("(ssl|wss|mqtts)://.*");
    if (!tls && m.url() != null) {
      for (String field : new String[] {"caCert", "clientCert", "clientKey"}) {
        boolean set =
            switch (field) {
              case "caCert" -> m.caCert() != null;
              case "clientCert" -> m.clientCert() != null;
              default -> m.clientKey() != null;
            };
        if (set) {
          r.warning(
              FieldPath.join(path, field),
              "has no effect without TLS: use an ssl://, wss:// or mqtts:// url");
        }
      }
    }
  }

  /** MQTT topic filter rules: no empty filter, `+` and `#` fill a whole level, `#` comes last. */
  static void topicFilter(String topic, String path, Reporter r) {
    if (topic.isEmpty()) {
      r.error(path, "must not be empty");
      return;
    }
    String[] levels = topic.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        r.error(path, "\"" + topic + "\": '#' must be a whole level and the last one");
        return;
      }
      if (level.contains("+") && !level.equals("+")) {
        r.error(path, "\"" + topic + "\": '+' must be a whole level");
        return;
      }
    }
  }
}
