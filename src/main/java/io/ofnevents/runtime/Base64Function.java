package io.ofnevents.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;

/**
 * `{{ofn-base64:{{secret:name/key}}}}`: the value of the placeholder inside, base64-encoded. A PEM
 * certificate or key has line breaks, which no endpoint URI can carry; base64 passes through the
 * URIs of a route and its Kamelets unchanged, and the Kafka source decodes it again ({@link
 * io.ofnevents.runtime.kafka.Base64PemSslEngineFactory}).
 */
public final class Base64Function implements PropertiesFunction, CamelContextAware {
  private CamelContext camelContext;

  /** It reads secrets, so Camel must know the options they go to (also without our runtime). */
  @Override
  public void setCamelContext(CamelContext camelContext) {
    this.camelContext = camelContext;
    SecretOptions.register(camelContext);
  }

  @Override
  public CamelContext getCamelContext() {
    return camelContext;
  }

  @Override
  public String getName() {
    return "ofn-base64";
  }

  @Override
  public String apply(String remainder) {
    return Base64.getEncoder().encodeToString(remainder.getBytes(StandardCharsets.UTF_8));
  }
}
