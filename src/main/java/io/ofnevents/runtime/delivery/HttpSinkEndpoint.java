package io.ofnevents.runtime.delivery;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** An HTTP sink: its URL and how hard to try. */
@UriEndpoint(
    firstVersion = "0.1.0",
    // options are read by the component into records; no generated setters to call
    generateConfigurer = false,
    scheme = "ofn-http",
    title = "ofn-events HTTP sink",
    syntax = "ofn-http:name",
    producerOnly = true,
    category = {Category.HTTP})
public class HttpSinkEndpoint extends DefaultEndpoint {
  /** The path only names the endpoint (ofn-X:source, ofn-X:sink); it has no meaning. */
  @UriPath(description = "Any name (source, sink): it only tells endpoints apart.")
  private final String name;

  /** May carry user info and a token: masked wherever Camel logs the endpoint URI. */
  @UriParam(label = "security", secret = true)
  private final String url;

  @UriParam private final RetryPolicy policy;
  @UriParam private final RequestOptions request;

  HttpSinkEndpoint(
      String uri,
      HttpSinkComponent component,
      String url,
      RetryPolicy policy,
      RequestOptions request) {
    super(uri, component);
    this.name = uri.replaceFirst("^[^:]+:(//)?", "").replaceFirst("\\?.*", "");
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
