package io.ofnevents.runtime.delivery;

import io.ofnevents.runtime.CloudEventHeaders;
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
  private final RequestOptions options;
  private final HttpSinkComponent component;
  private Endpoint http;
  private Producer producer;
  private SinkMeters meters;

  HttpSinkProducer(
      HttpSinkEndpoint endpoint, String url, RetryPolicy policy, RequestOptions options) {
    super(endpoint);
    this.url = url;
    this.target = SinkUrl.parse(url);
    this.policy = policy;
    this.options = options;
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
                    // a reply is read from the response's headers, so those alone
                    + "?httpMethod=POST&throwExceptionOnFailure=false&copyHeaders=false"
                    + "&skipResponseHeaders="
                    + (options.replies() == Replies.NONE)
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
        body = response.getBody(byte[].class);
        reason = "answered " + code;
        if (RetryPolicy.isSuccess(code)) {
          Replies.Answer answer = answer(response, body);
          if (!(answer instanceof Replies.Plain plain) || options.replies() != Replies.EVENT) {
            if (answer instanceof Replies.Event reply) {
              SinkRequest.replaceWith(exchange, reply.event());
            }
            meters.delivered(System.nanoTime() - started);
            return;
          }
          // Knative's broker answers 502 for it, so its sender retries and dead-letters it
          reason =
              "answered "
                  + code
                  + " with a body that is not a reply event ("
                  + plain.problem()
                  + ")";
          code = Replies.NOT_AN_EVENT;
        }
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

  /** What a 2xx answer holds; nothing is read when replies are not wanted. */
  private Replies.Answer answer(Message response, byte[] body) {
    if (options.replies() == Replies.NONE) return new Replies.Empty();
    return Replies.read(SinkRequest.responseHeaders(response), body);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private Exchange request(Exchange original) {
    Exchange request = http.createExchange();
    SinkRequest.fill(request.getIn(), original, target, options);
    return request;
  }
}
