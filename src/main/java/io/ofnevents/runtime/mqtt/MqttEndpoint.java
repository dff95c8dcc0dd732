package io.ofnevents.runtime.mqtt;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** An MQTT topic filter to consume; producing is not supported. */
@UriEndpoint(
    firstVersion = "0.1.0",
    // options are read by the component into records; no generated setters to call
    generateConfigurer = false,
    scheme = "ofn-mqtt",
    title = "ofn-events MQTT source",
    syntax = "ofn-mqtt:name",
    consumerOnly = true,
    category = {Category.IOT, Category.MESSAGING})
public class MqttEndpoint extends DefaultEndpoint {
  /** The path only names the endpoint (ofn-X:source, ofn-X:sink); it has no meaning. */
  @UriPath(description = "Any name (source, sink): it only tells endpoints apart.")
  private final String name;

  @UriParam private final MqttSettings settings;

  MqttEndpoint(String uri, MqttComponent component, MqttSettings settings) {
    super(uri, component);
    this.name = uri.replaceFirst("^[^:]+:(//)?", "").replaceFirst("\\?.*", "");
    this.settings = settings;
  }

  @Override
  public Producer createProducer() {
    throw new UnsupportedOperationException("ofn-mqtt is a source only");
  }

  @Override
  public Consumer createConsumer(Processor processor) throws Exception {
    MqttConsumer consumer = new MqttConsumer(this, processor);
    configureConsumer(consumer);
    return consumer;
  }

  @Override
  public MqttComponent getComponent() {
    return (MqttComponent) super.getComponent();
  }

  MqttSettings settings() {
    return settings;
  }

  /** Hides the client key that the URI may carry. */
  @Override
  public String toString() {
    return "ofn-mqtt:" + settings;
  }
}
