package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.KafkaSpec;
import io.ofnevents.model.KafkaTlsSpec;
import io.ofnevents.model.SecretValue;
import java.util.regex.Pattern;

/** Rules of a Kafka event source (`spec.kafka.<event>`). */
final class KafkaRules {
  /** Kafka's own rule for topic names. */
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  static final Pattern HOST_PORT = Pattern.compile("[^\\s:/,]+:\\d{1,5}");

  private KafkaRules() {}

  static void check(KafkaSpec k, String path, Reporter r) {
    if (k.brokers() != null) hostPorts(k.brokers(), FieldPath.join(path, "brokers"), r);
    String topic = FieldPath.join(path, "topic");
    if (k.topic() == null || k.topic().isBlank()) {
      r.error(topic, "required field is missing");
    } else if (!TOPIC.matcher(k.topic()).matches()
        || k.topic().equals(".")
        || k.topic().equals("..")) {
      r.error(
          topic,
          "\""
              + k.topic()
              + "\" is not a Kafka topic name (letters, digits, '.', '_' and '-', at most 249)");
    }
    boolean auth = Boolean.TRUE.equals(k.authRequired());
    if (auth) {
      if (k.saslUsername() == null)
        r.error(FieldPath.join(path, "saslUsername"), "required when authRequired is true");
      if (k.saslPassword() == null)
        r.error(FieldPath.join(path, "saslPassword"), "required when authRequired is true");
    } else {
      for (String field : new String[] {"saslUsername", "saslPassword", "saslMechanism"}) {
        boolean set =
            switch (field) {
              case "saslUsername" -> k.saslUsername() != null;
              case "saslPassword" -> k.saslPassword() != null;
              default -> k.saslMechanism() != null;
            };
        if (set)
          r.warning(FieldPath.join(path, field), "has no effect unless authRequired is true");
      }
    }
    CommonRules.upstreamSecret(k.saslPassword(), FieldPath.join(path, "saslPassword"), r);
    if (k.tls() != null) tls(k.tls(), FieldPath.join(path, "tls"), r);
    if (k.maxMessageBytes() != null && k.maxMessageBytes() <= 0) {
      r.error(FieldPath.join(path, "maxMessageBytes"), "must be greater than zero");
    } else if (k.maxMessageBytes() != null && k.maxMessageBytes() > Integer.MAX_VALUE) {
      r.error(FieldPath.join(path, "maxMessageBytes"), "must be at most " + Integer.MAX_VALUE);
    }
  }

  /** Every PEM by reference; a client certificate needs its key and the other way round. */
  private static void tls(KafkaTlsSpec tls, String path, Reporter r) {
    pemReference(tls.caCert(), FieldPath.join(path, "caCert"), r);
    pemReference(tls.clientCert(), FieldPath.join(path, "clientCert"), r);
    pemReference(tls.clientKey(), FieldPath.join(path, "clientKey"), r);
    if (tls.clientCert() != null && tls.clientKey() == null) {
      r.error(FieldPath.join(path, "clientKey"), "required with clientCert");
    }
    if (tls.clientKey() != null && tls.clientCert() == null) {
      r.error(FieldPath.join(path, "clientCert"), "required with clientKey");
    }
  }

  private static void pemReference(SecretValue value, String path, Reporter r) {
    if (value != null && value.isLiteral()) {
      r.error(
          path,
          "give the PEM by reference: ${file:/path}, ${env:VAR} or {secretKeyRef: {name, key}}");
    }
  }

  /** A comma-separated list of host:port, each reported on its own. */
  static void hostPorts(String value, String path, Reporter r) {
    for (String part : value.split(",", -1)) {
      String hp = part.trim();
      if (!HOST_PORT.matcher(hp).matches()) {
        r.error(path, "\"" + hp + "\" is not host:port");
      } else {
        int port = Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1));
        if (port < 1 || port > 65535) r.error(path, "port " + port + " is out of range 1-65535");
      }
    }
  }
}
