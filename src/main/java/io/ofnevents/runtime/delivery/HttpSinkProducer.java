package io.ofnevents.runtime.delivery;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.cloudevents.Binding;
import io.ofnevents.runtime.cloudevents.CloudEvent;
import io.ofnevents.runtime.observe.SinkMeters;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one event: POST with only the CloudEvent headers and the original body bytes, each
 * attempt bounded by the timeout, retried per the policy; throws {@link DeliveryFailedException}
 * when it gives up, {@link DeliveryAbortedException} when the context stops while it waits.
 */
final class HttpSinkProducer extends DefaultProducer {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSinkProducer.class);

  private final String url;
  private final SinkUrl target;
  private final RetryPolicy policy;
  private final HttpSinkComponent component;
  private Endpoint http;
  private Producer producer;
  private SinkMeters meters;

  HttpSinkProducer(HttpSinkEndpoint endpoint, String url, RetryPolicy policy) {
    super(endpoint);
    this.url = url;
    this.target = SinkUrl.parse(url);
    this.policy = policy;
    this.component = (HttpSinkComponent) endpoint.getComponent();
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    long t = policy.timeout().toMillis();
    http =
        getEndpoint()
            .getCamelContext()
            .getEndpoint(
                target.base()
                    + "?httpMethod=POST&throwExceptionOnFailure=false&skipResponseHeaders=true"
                    + "&connectTimeout="
                    + t
                    + "&responseTimeout="
                    + t
                    + "&soTimeout="
                    + t
                    + "&connectionRequestTimeout="
                    + t);
    // Retries are ours (Knative rules); HttpClient's own retry of 503/429 would multiply them.
    ((HttpEndpoint) http).setHttpClientConfigurer(HttpClientBuilder::disableAutomaticRetries);
    producer = http.createProducer();
    ServiceHelper.startService(producer);
    meters = SinkMeters.of(getEndpoint().getCamelContext(), url);
  }

  @Override
  protected void doStop() throws Exception {
    ServiceHelper.stopService(producer);
    super.doStop();
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    int attempts = policy.retry() + 1;
    int code = -1;
    byte[] body = null;
    String reason = null;
    long started = System.nanoTime();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) meters.retry();
      meters.attempt();
      Exchange request = request(exchange);
      try {
        producer.process(request);
      } catch (Exception e) {
        request.setException(e);
      }
      Message response = request.getMessage();
      if (request.getException() != null) {
        code = -1;
        body = null;
        reason = "failed: " + describe(request.getException());
      } else {
        code = response.getHeader(Exchange.HTTP_RESPONSE_CODE, -1, Integer.class);
        if (RetryPolicy.isSuccess(code)) {
          meters.delivered(System.nanoTime() - started);
          return;
        }
        body = response.getBody(byte[].class);
        reason = "answered " + code;
      }
      if (!policy.isRetryable(code) || attempt == attempts) break;
      long delay = policy.delayBefore(attempt).toMillis();
      Object id = exchange.getMessage().getHeader(CloudEventHeaders.ID);
      LOG.warn(
          "Event {}: POST {} {} (attempt {} of {}), retrying in {} ms",
          id,
          target.shown(),
          reason,
          attempt,
          attempts,
          delay);
      if (component.awaitStopping(delay)) {
        throw new DeliveryAbortedException(
            "POST "
                + target.shown()
                + " "
                + reason
                + ": stopping, so not retried; event "
                + id
                + " stays with the bus or source");
      }
    }
    meters.failed();
    throw new DeliveryFailedException(
        target.shown(),
        code,
        body,
        policy.isRetryable(code),
        "POST " + target.shown() + " " + reason + policy.describe(code, attempts));
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private Exchange request(Exchange original) {
    Exchange request = http.createExchange();
    Message in = request.getIn();
    // binary mode as the HTTP binding has it: `datacontenttype` is Content-Type, values encoded
    CloudEvent event =
        CloudEvent.fromHeaders(CloudEventHeaders.select(original.getMessage().getHeaders()), null);
    Binding.HTTP.binaryHeaders(event).forEach(in::setHeader);
    in.setBody(original.getMessage().getBody(byte[].class));
    if (target.query() != null) in.setHeader(Exchange.HTTP_QUERY, target.query());
    if (target.authorization() != null) in.setHeader("Authorization", target.authorization());
    return request;
  }
}
