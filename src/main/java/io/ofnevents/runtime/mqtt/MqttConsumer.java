package io.ofnevents.runtime.mqtt;

import io.ofnevents.runtime.CloudEventHeaders;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * Subscribes with a persistent session (unless cleanSession) and lets Paho acknowledge a QoS 1/2
 * message only when the route returned without an exception. A failed message is not acknowledged:
 * the callback throws, Paho drops the connection and reconnects, and the broker redelivers the
 * message, as MQTT does for unacknowledged messages of a session. QoS 0 has no redelivery.
 */
final class MqttConsumer extends DefaultConsumer implements MqttCallbackExtended {
  private static final Logger LOG = LoggerFactory.getLogger(MqttConsumer.class);
  private static final long MAX_CONNECT_BACKOFF_MS = 30_000;

  private final MqttSettings settings;
  private final MqttRecordIds ids = new MqttRecordIds();
  private MqttClient client;
  private MqttConnectOptions options;
  private ScheduledExecutorService connector;
  private volatile boolean running;

  MqttConsumer(MqttEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.settings = endpoint.settings();
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    options = new MqttConnectOptions();
    options.setCleanSession(settings.cleanSession());
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(30_000);
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setConnectionTimeout(10);
    if (settings.usesTls()) options.setSocketFactory(MqttTls.socketFactory(settings));
    client = new MqttClient(settings.url(), settings.clientId(), new MemoryPersistence());
    client.setCallback(this);
    running = true;
    connector =
        getEndpoint()
            .getCamelContext()
            .getExecutorServiceManager()
            .newSingleThreadScheduledExecutor(this, "ofn-mqtt-connect-" + settings.clientId());
    connect(100);
  }

  /** Paho reconnects only after a first success, so the first connection is retried here. */
  private void connect(long backoff) {
    if (!running) return;
    try {
      client.connect(options);
    } catch (MqttException e) {
      LOG.warn(
          "Cannot connect to MQTT broker {} as {}, retrying in {} ms: {}",
          settings.url(),
          settings.clientId(),
          backoff,
          e.getMessage());
      long next = Math.min(backoff * 2, MAX_CONNECT_BACKOFF_MS);
      connector.schedule(() -> connect(next), backoff, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {
    try {
      // a persistent session keeps the subscription, a clean one does not: subscribe either way
      client.subscribe(settings.topic(), settings.qos());
      LOG.info(
          "{} to MQTT {} as {}, subscribed to {} (QoS {})",
          reconnect ? "Reconnected" : "Connected",
          serverURI,
          settings.clientId(),
          settings.topic(),
          settings.qos());
    } catch (MqttException e) {
      LOG.warn("Cannot subscribe to MQTT topic {}: {}", settings.topic(), e.getMessage());
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) throws Exception {
    Exchange exchange = createExchange(false);
    Exception failure;
    try {
      exchange.getIn().setBody(message.getPayload());
      exchange.getIn().setHeader(CloudEventHeaders.SUBJECT, topic);
      exchange.getIn().setHeader(CloudEventHeaders.RECORD_ID, ids.idOf(topic, message));
      getProcessor().process(exchange);
      failure = exchange.getException();
    } catch (Exception e) {
      failure = e;
    } finally {
      releaseExchange(exchange, false);
    }
    if (failure == null) return; // Paho now sends the PUBACK / PUBREC
    if (message.getQos() == 0) {
      LOG.error(
          "Event from MQTT topic {} lost: delivery failed and QoS 0 has no redelivery: {}",
          topic,
          failure.getMessage());
      return;
    }
    LOG.warn(
        "MQTT message {} on {} not acknowledged, the broker redelivers it after reconnect: {}",
        message.getId(),
        topic,
        failure.getMessage());
    throw failure;
  }

  @Override
  public void connectionLost(Throwable cause) {
    if (running)
      LOG.info(
          "MQTT connection of {} lost, reconnecting: {}", settings.clientId(), cause.getMessage());
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {}

  @Override
  protected void doStop() throws Exception {
    running = false;
    if (connector != null)
      getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(connector);
    if (client != null) {
      try {
        if (client.isConnected()) client.disconnect(5_000);
      } catch (MqttException e) {
        LOG.debug("MQTT disconnect: {}", e.getMessage());
      }
      client.close(true);
    }
    client = null;
    super.doStop();
  }
}
