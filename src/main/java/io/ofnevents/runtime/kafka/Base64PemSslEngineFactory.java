package io.ofnevents.runtime.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;

/**
 * Kafka's own SSL engine factory, given its PEM options (`ssl.truststore.certificates`,
 * `ssl.keystore.certificate.chain`, `ssl.keystore.key`) base64-encoded, as the Kafka source passes
 * them: PEM line breaks cannot travel in an endpoint URI. A value that already is PEM text is used
 * as it is.
 */
public final class Base64PemSslEngineFactory extends DefaultSslEngineFactory {
  static final List<String> PEM_OPTIONS =
      List.of(
          SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG,
          SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG,
          SslConfigs.SSL_KEYSTORE_KEY_CONFIG);

  @Override
  public void configure(Map<String, ?> configs) {
    Map<String, Object> decoded = new HashMap<>(configs);
    for (String option : PEM_OPTIONS) {
      Object value = configs.get(option);
      String text =
          value instanceof Password p ? p.value() : value == null ? null : value.toString();
      if (text == null || text.isBlank()) {
        decoded.remove(option); // unset: the JDK's trusted CAs, no client certificate
      } else if (!text.contains("-----BEGIN")) {
        decoded.put(option, new Password(decode(option, text)));
      }
    }
    super.configure(decoded);
  }

  private static String decode(String option, String base64) {
    try {
      return new String(Base64.getMimeDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // never the value: it may be a private key
      throw new IllegalArgumentException(option + " is neither PEM nor base64-encoded PEM", e);
    }
  }
}
