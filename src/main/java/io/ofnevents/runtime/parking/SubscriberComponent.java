package io.ofnevents.runtime.parking;

import io.ofnevents.runtime.EndpointOptions;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.ProcessorEndpoint;

/**
 * `ofn-subscriber:NAMESPACE/TRIGGER/INDEX`: runs the delivery route of one Trigger subscriber
 * (`direct:t-{ns}-{trigger}-to-{index}`) at most once per bus event: a redelivery skips it once it
 * succeeded, and a failure is recorded with what was being delivered, for the bus consumer to park
 * (see {@link DeliveryTrack}). TRIGGER may name a Knative Trigger (`kn-trigger:name`) or a
 * PingSource (`pingsource:name`), whose one delivery route it runs ({@link ParkingKey}).
 */
public class SubscriberComponent extends DefaultComponent {
  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    o.rejectUnknown();
    String[] parts = remaining.split("/");
    if (parts.length != 3 || !parts[2].matches("\\d+")) {
      throw new ResolveEndpointFailedException(
          uri, "expected ofn-subscriber:namespace/trigger/index");
    }
    int index = Integer.parseInt(parts[2]);
    String target = ParkingKey.parse(parts[0] + "/" + parts[1]).delivery(index);
    return new ProcessorEndpoint(uri, this, new SubscriberStep(index, target));
  }
}
