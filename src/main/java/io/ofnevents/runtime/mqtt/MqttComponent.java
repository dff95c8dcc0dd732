package io.ofnevents.runtime.mqtt;

import io.ofnevents.runtime.EndpointOptions;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * `ofn-mqtt:source?url=tcp://host:1883&topic=T&clientId=ID`: subscribes to an MQTT topic filter and
 * acknowledges each message only after the route succeeded.
 */
public class MqttComponent extends DefaultComponent {

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    MqttSettings settings = MqttSettings.read(uri, o);
    o.rejectUnknown();
    return new MqttEndpoint(uri, this, settings);
  }
}
