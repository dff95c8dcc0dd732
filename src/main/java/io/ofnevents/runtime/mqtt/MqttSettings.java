package io.ofnevents.runtime.mqtt;

import io.ofnevents.compile.Names;
import io.ofnevents.runtime.EndpointOptions;
import java.time.Duration;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Settings of an `ofn-mqtt` source. `caCert`, `clientCert` and `clientKey` each take PEM text (as
 * upstream, which passed them to Dapr inline) or the path of a PEM file. `shareGroup` (optional)
 * makes the subscription a shared one, so that the replicas split the messages; each replica then
 * connects as `{clientId}-{replica id}`, with a session of its own.
 */
@UriParams
record MqttSettings(
    @UriParam(description = "tcp://host:1883, ssl://host:8883, ws://, wss://, mqtt:// or mqtts://.")
        String url,
    @UriParam(description = "Topic filter to subscribe to; may use + and # wildcards.")
        String topic,
    @UriParam(
            description =
                "MQTT client id, which names the session; with shareGroup each replica connects as {clientId}-{replica id}, the replica id being OFN_REPLICA_ID, else HOSTNAME (or camel.component.ofn-mqtt.replica-id). ofn-events uses {namespace}-{eventSource}-{event}.")
        String clientId,
    @UriParam(
            description =
                "Replicas with the same group split the messages ($share/{shareGroup}/{topic}); empty: a plain subscription under the client id as given. ofn-events uses {namespace}-{eventSource}-{event} with sharedSubscription: true.")
        String shareGroup,
    @UriParam(description = "0 (at most once), 1 (at least once) or 2.") int qos,
    @UriParam(
            description =
                "Start without the broker's stored session; messages sent while away are then lost.")
        boolean cleanSession,
    @UriParam(
            description =
                "PEM text or path of the CA certificate(s) to trust instead of the JDK's.")
        String caCert,
    @UriParam(description = "PEM text or path of the client certificate chain.") String clientCert,
    @UriParam(
            label = "security",
            secret = true,
            description = "PEM text or path of the client's PKCS#8 private key.")
        String clientKey,
    @UriParam(description = "MQTT keep-alive interval.") Duration keepAlive) {

  static MqttSettings read(String uri, EndpointOptions o) {
    MqttSettings s =
        new MqttSettings(
            pahoUrl(uri, o.required("url")),
            o.required("topic"),
            o.required("clientId"),
            o.string("shareGroup", null),
            o.integer("qos", 1),
            o.bool("cleanSession", false),
            o.string("caCert", null),
            o.string("clientCert", null),
            o.string("clientKey", null),
            o.duration("keepAlive", Duration.ofSeconds(30)));
    if (s.qos < 0 || s.qos > 2)
      throw new ResolveEndpointFailedException(uri, "qos must be 0, 1 or 2");
    if (s.shareGroup != null && !s.shareGroup.matches("[^/+#]+")) {
      throw new ResolveEndpointFailedException(uri, "shareGroup must not contain '/', '+' or '#'");
    }
    if ((s.clientCert == null) != (s.clientKey == null)) {
      throw new ResolveEndpointFailedException(uri, "clientCert and clientKey go together");
    }
    return s;
  }

  boolean usesTls() {
    return url.startsWith("ssl://") || url.startsWith("wss://");
  }

  /** Paho knows tcp:// and ssl://; mqtt:// and mqtts:// are common spellings of the same. */
  private static String pahoUrl(String uri, String url) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (u.startsWith("mqtt://")) return "tcp://" + u.substring("mqtt://".length());
    if (u.startsWith("mqtts://")) return "ssl://" + u.substring("mqtts://".length());
    if (u.matches("(tcp|ssl|ws|wss)://.+")) return u;
    throw new ResolveEndpointFailedException(
        uri, "url must start with tcp://, ssl://, ws://, wss://, mqtt:// or mqtts://");
  }

  /** The client id of this replica: `clientId`, suffixed with `replica` when shared. */
  String clientId(String replica) {
    return shareGroup == null ? clientId : Names.mqttClientId(clientId, replica);
  }

  /** The subscription's topic filter: `$share/{group}/{topic}` with a group. */
  String filter() {
    return Names.mqttSharedFilter(shareGroup, topic);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "mqtt "
        + url
        + " topic "
        + filter()
        + " as "
        + clientId(shareGroup == null ? null : "{replica}");
  }
}
