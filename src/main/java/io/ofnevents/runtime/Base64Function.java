package io.ofnevents.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * `{{ofn-base64:{{secret:name/key}}}}`: the value of the placeholder inside, base64-encoded. A PEM
 * certificate or key has line breaks, which no endpoint URI can carry; base64 passes through the
 * URIs of a route and its Kamelets unchanged, and the sources decode it again (the MQTT source's
 * TLS setup, Kafka's through {@link io.ofnevents.runtime.kafka.Base64PemSslEngineFactory}).
 */
public final class Base64Function extends SecretFunction {
  @Override
  public String getName() {
    return "ofn-base64";
  }

  @Override
  public String apply(String remainder) {
    return Base64.getEncoder().encodeToString(remainder.getBytes(StandardCharsets.UTF_8));
  }
}
