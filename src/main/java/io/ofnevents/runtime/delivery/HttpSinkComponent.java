package io.ofnevents.runtime.delivery;

import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.SecretOptions;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * `ofn-http:sink?url=URL&retry=3&backoffPolicy=exponential&backoffDelay=PT0.2S&timeout=PT10S
 * &retryOn=openfunction`: POSTs the event in CloudEvents binary mode through camel-http, with
 * Knative-style retries (defaults: {@link DeliveryDefaults}). Waits between attempts end when the
 * context starts stopping. For a Knative subscriber: `replies=event|event-or-ignore` ({@link
 * Replies}), `knNamespace=NS` (the `Kn-Namespace` header) and `format=json|binary`.
 */
@Component("ofn-http")
public class HttpSinkComponent extends DefaultComponent {
  // A new latch per start: a context started again after a stop waits normally again.
  private volatile CountDownLatch stopping = new CountDownLatch(1);
  private boolean listening;
  private int maxConnections = 512;
  private int maxConnectionsPerHost = 128;
  private SharedHttpPool pool;

  /** Connections of all HTTP sinks together (`camel.component.ofn-http.max-connections`). */
  public void setMaxConnections(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  public int getMaxConnections() {
    return maxConnections;
  }

  /** Connections to one host (`camel.component.ofn-http.max-connections-per-host`). */
  public void setMaxConnectionsPerHost(int maxConnectionsPerHost) {
    this.maxConnectionsPerHost = maxConnectionsPerHost;
  }

  public int getMaxConnectionsPerHost() {
    return maxConnectionsPerHost;
  }

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
            o.integer("retry", DeliveryDefaults.RETRY),
            o.oneOf("backoffPolicy", DeliveryDefaults.BACKOFF_POLICY, "exponential", "linear")
                .equals("exponential"),
            o.duration("backoffDelay", DeliveryDefaults.backoffDelay()),
            o.duration("timeout", DeliveryDefaults.timeout()),
            Retryable.of(o.oneOf("retryOn", "openfunction", "openfunction", "knative")));
    RequestOptions request =
        new RequestOptions(
            Replies.of(o.oneOf("replies", "none", "none", "event", "event-or-ignore")),
            o.string("knNamespace", null),
            o.oneOf("format", "binary", "binary", "json").equals("json"));
    o.rejectUnknown();
    return new HttpSinkEndpoint(uri, this, url, policy, request);
  }

  /**
   * Waits `millis` unless the context starts stopping first; true when it did. Camel's graceful
   * shutdown lets in-flight exchanges finish, so without this a stop would wait out every backoff.
   */
  boolean awaitStopping(long millis) throws InterruptedException {
    return stopping.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    stopping = new CountDownLatch(1);
    if (pool == null) {
      pool = SharedHttpPool.install(getCamelContext(), maxConnections, maxConnectionsPerHost);
    }
    if (listening) return;
    listening = true;
    getCamelContext()
        .getManagementStrategy()
        .addEventNotifier(
            new SimpleEventNotifierSupport() {
              @Override
              public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
              }

              @Override
              public void notify(CamelEvent event) {
                stopping.countDown();
              }
            });
  }

  @Override
  protected void doStop() throws Exception {
    if (pool != null) pool.close();
    pool = null;
    super.doStop();
  }
}
