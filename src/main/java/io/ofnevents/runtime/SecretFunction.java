package io.ofnevents.runtime;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;

/**
 * A properties function of ours that handles secret values: once Camel gives it the context, it
 * registers our secret options with Camel's masking, also where our runtime is not the one that
 * runs the routes (Camel K, `camel run`).
 */
abstract class SecretFunction implements PropertiesFunction, CamelContextAware {
  private CamelContext camelContext;

  @Override
  public void setCamelContext(CamelContext camelContext) {
    this.camelContext = camelContext;
    SecretOptions.register(camelContext);
  }

  @Override
  public CamelContext getCamelContext() {
    return camelContext;
  }
}
