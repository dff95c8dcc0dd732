package io.ofnevents.runtime.mqtt;

import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.SecretOptions;
import io.ofnevents.runtime.bus.ReplicaId;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * `ofn-mqtt:source?url=tcp://host:1883&topic=T&clientId=ID&shareGroup=G`: subscribes to an MQTT
 * topic filter and acknowledges each message only after the route succeeded.
 */
@Component("ofn-mqtt")
public class MqttComponent extends DefaultComponent {
  static final String BUS_REPLICA_ID = "camel.component.ofn-bus.replica-id";

  @Metadata(
      label = "advanced",
      description =
          "This replica's identity: with shareGroup each replica connects as"
              + " {clientId}-{replica id}; default OFN_REPLICA_ID, else HOSTNAME.")
  private String replicaId;

  @Override
  protected void doInit() throws Exception {
    super.doInit();
    SecretOptions.register(getCamelContext(), MqttSettings.class);
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    MqttSettings settings = MqttSettings.read(uri, o);
    o.rejectUnknown();
    return new MqttEndpoint(uri, this, settings);
  }

  /**
   * This process's identity among the replicas of an EventSource: each replica's client id, and so
   * its persistent session, ends with it. It must be stable across restarts of one replica (a
   * restarted replica then gets the messages its session kept) and differ between replicas.
   * Default: the bus's replica id when set ({@value #BUS_REPLICA_ID}), else {@link
   * ReplicaId#detect()}.
   */
  public String getReplicaId() {
    if (replicaId == null) {
      replicaId =
          getCamelContext()
              .getPropertiesComponent()
              .resolveProperty(BUS_REPLICA_ID)
              .orElseGet(ReplicaId::detect);
    }
    return replicaId;
  }

  /** Sets the replica id (`camel.component.ofn-mqtt.replica-id`). */
  public void setReplicaId(String replicaId) {
    this.replicaId = replicaId;
  }
}
