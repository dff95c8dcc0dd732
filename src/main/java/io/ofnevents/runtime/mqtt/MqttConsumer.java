package io.ofnevents.runtime.mqtt;

import io.ofnevents.runtime.CloudEventHeaders;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes with a persistent session (unless cleanSession) and acknowledges a QoS 1/2 message
 * only when its route succeeded ({@link MqttDeliveries}); QoS 0 has no redelivery.
 *
 * <p>With a share group the subscription is shared and the client id carries this replica's id, so
 * replicas split the messages, each with a session of its own. The first connection and every
 * subscription the broker refuses are retried with backoff; until the subscription holds, the
 * source's health check is DOWN with the reason.
 */
final class MqttConsumer extends DefaultConsumer
    implements MqttCallbackExtended, MqttDeliveries.Route {
  private static final Logger LOG = LoggerFactory.getLogger(MqttConsumer.class);
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 30_000;
  // bounds every blocking Paho call, so a broker that never answers cannot hold a thread forever
  private static final long PAHO_WAIT_MS = 30_000;

  private final MqttSettings settings;
  private final MqttRecordIds ids = new MqttRecordIds();
  private final AtomicInteger connections = new AtomicInteger();
  private String clientId;
  private MqttClient client;
  private MqttConnectOptions options;
  private ScheduledExecutorService connector;
  private ExecutorService worker;
  private MqttDeliveries deliveries;
  private volatile boolean running;
  private volatile String problem = "not started";

  MqttConsumer(MqttEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.settings = endpoint.settings();
  }

  @Override
  public MqttEndpoint getEndpoint() {
    return (MqttEndpoint) super.getEndpoint();
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    clientId = settings.clientId(getEndpoint().getComponent().getReplicaId());
    options = new MqttConnectOptions();
    options.setCleanSession(settings.cleanSession());
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay((int) MAX_RETRY_MS);
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setConnectionTimeout(10);
    if (settings.usesTls()) options.setSocketFactory(MqttTls.socketFactory(settings));
    client = new MqttClient(settings.url(), clientId, new MemoryPersistence());
    client.setTimeToWait(PAHO_WAIT_MS);
    client.setManualAcks(true);
    client.setCallback(this);
    setHealthCheck(new MqttHealthCheck(clientId, () -> problem));
    problem = "connecting to " + settings.url() + " as " + clientId;
    running = true;
    var executors = getEndpoint().getCamelContext().getExecutorServiceManager();
    deliveries = new MqttDeliveries(!settings.cleanSession(), this);
    worker = executors.newSingleThreadExecutor(this, "ofn-mqtt-deliver-" + clientId);
    worker.execute(deliveries);
    connector = executors.newSingleThreadScheduledExecutor(this, "ofn-mqtt-" + clientId);
    connector.execute(() -> connect(FIRST_RETRY_MS));
  }

  /** Paho reconnects only after a first success, so the first connection is retried here. */
  private void connect(long backoff) {
    if (!running) return;
    try {
      client.connect(options);
    } catch (MqttException e) {
      problem = "cannot connect to " + settings.url() + " as " + clientId + ": " + e.getMessage();
      LOG.warn("{}, retrying in {} ms", problem, backoff);
      connector.schedule(() -> connect(next(backoff)), backoff, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {
    LOG.info("{} to MQTT {} as {}", reconnect ? "Reconnected" : "Connected", serverURI, clientId);
    problem = "connected to " + serverURI + " as " + clientId + ", subscribing";
    // A persistent session keeps the subscription, a clean one does not (and mosquitto before
    // 2.0.19 forgets shared ones when it restarts): subscribe either way, off Paho's callback
    // thread, so that retrying a refused subscription blocks nothing.
    int connection = connections.incrementAndGet();
    connector.execute(() -> subscribe(connection, FIRST_RETRY_MS));
  }

  /** Subscribes until the broker accepts, for as long as `connection` is the current one. */
  private void subscribe(int connection, long backoff) {
    if (!running || connection != connections.get() || !client.isConnected()) return;
    String filter = settings.filter();
    try {
      client.subscribe(filter, settings.qos());
      problem = null;
      LOG.info("{} subscribed to {} (QoS {})", clientId, filter, settings.qos());
    } catch (MqttException e) {
      problem =
          "the broker did not grant the subscription of "
              + clientId
              + " to "
              + filter
              + " (QoS "
              + settings.qos()
              + "): "
              + e.getMessage();
      LOG.warn("{}; retrying in {} ms", problem, backoff);
      connector.schedule(
          () -> subscribe(connection, next(backoff)), backoff, TimeUnit.MILLISECONDS);
    }
  }

  private static long next(long backoff) {
    return Math.min(backoff * 2, MAX_RETRY_MS);
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) throws Exception {
    deliveries.arrived(topic, message);
  }

  /** A broker resend (DUP, same packet id) gets the id of the message it repeats. */
  @Override
  public String recordId(String topic, MqttMessage message) {
    return ids.idOf(topic, message);
  }

  /** Runs the route of one message; its failure, or null. */
  @Override
  public Exception process(String topic, MqttMessage message, String recordId) {
    Exchange exchange = createExchange(false);
    try {
      exchange.getIn().setBody(message.getPayload());
      exchange.getIn().setHeader(CloudEventHeaders.SUBJECT, topic);
      exchange.getIn().setHeader(CloudEventHeaders.RECORD_ID, recordId);
      getProcessor().process(exchange);
      return exchange.getException();
    } catch (Exception e) {
      return e;
    } finally {
      releaseExchange(exchange, false);
    }
  }

  /** Sends the PUBACK / PUBREC; a connection lost meanwhile means the broker sends it again. */
  @Override
  public void acknowledge(MqttMessage message) {
    try {
      client.messageArrivedComplete(message.getId(), message.getQos());
    } catch (MqttException e) {
      LOG.debug("MQTT message {} not acknowledged: {}", message.getId(), e.getMessage());
    }
  }

  @Override
  public void connectionLost(Throwable cause) {
    if (!running) return;
    deliveries.connectionLost();
    problem = "connection of " + clientId + " to " + settings.url() + " lost: " + cause;
    LOG.info("MQTT {}, reconnecting", problem);
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {}

  @Override
  protected void doStop() throws Exception {
    running = false;
    var executors = getEndpoint().getCamelContext().getExecutorServiceManager();
    if (connector != null) executors.shutdownNow(connector);
    // the message in progress finishes and is acknowledged before the connection closes
    if (deliveries != null) deliveries.stop();
    if (worker != null) executors.shutdownGraceful(worker);
    if (client != null) {
      try {
        if (client.isConnected()) client.disconnect(5_000);
        client.close(true);
      } catch (MqttException e) {
        // e.g. a reconnect in progress: the process is stopping, the broker keeps the session
        LOG.debug("MQTT disconnect of {}: {}", clientId, e.getMessage());
      }
    }
    client = null;
    problem = "stopped";
    super.doStop();
  }
}
