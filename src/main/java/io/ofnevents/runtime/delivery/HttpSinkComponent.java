package io.ofnevents.runtime.delivery;

import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.SecretOptions;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * `ofn-http:sink?url=URL&retry=3&backoffPolicy=exponential&backoffDelay=PT0.2S&timeout=PT10S`:
 * POSTs the event in CloudEvents binary mode through camel-http, with Knative-style retries.
 */
public class HttpSinkComponent extends DefaultComponent {
  @Override
  protected void doInit() throws Exception {
    super.doInit();
    SecretOptions.register(getCamelContext(), HttpSinkEndpoint.class);
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    String url = o.required("url");
    RetryPolicy policy =
        new RetryPolicy(
            o.integer("retry", 3),
            o.oneOf("backoffPolicy", "exponential", "exponential", "linear").equals("exponential"),
            o.duration("backoffDelay", Duration.ofMillis(200)),
            o.duration("timeout", Duration.ofSeconds(10)));
    o.rejectUnknown();
    return new HttpSinkEndpoint(uri, this, url, policy);
  }
}
