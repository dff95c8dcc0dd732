package io.ofnevents.runtime.delivery;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** An HTTP sink: its URL and how hard to try. */
@UriEndpoint(
    firstVersion = "0.1.0",
    scheme = "ofn-http",
    title = "ofn-events HTTP sink",
    syntax = "ofn-http:name",
    producerOnly = true,
    category = {Category.HTTP})
public class HttpSinkEndpoint extends DefaultEndpoint {
  /** May carry user info and a token: masked wherever Camel logs the endpoint URI. */
  @UriParam(label = "security", secret = true)
  private final String url;

  private final RetryPolicy policy;
  private final RequestOptions request;

  HttpSinkEndpoint(
      String uri,
      HttpSinkComponent component,
      String url,
      RetryPolicy policy,
      RequestOptions request) {
    super(uri, component);
    this.url = url;
    this.policy = policy;
    this.request = request;
  }

  @Override
  public Producer createProducer() {
    return new HttpSinkProducer(this, url, policy, request);
  }

  RetryPolicy policy() {
    return policy;
  }

  @Override
  public Consumer createConsumer(Processor processor) {
    throw new UnsupportedOperationException("ofn-http is a sink: use it in to:");
  }
}
