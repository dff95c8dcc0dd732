package io.ofnevents.runtime.trigger;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.cloudevents.Binding;
import io.ofnevents.runtime.cloudevents.CloudEvent;
import io.ofnevents.runtime.cloudevents.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.Exchange;

/**
 * `deliver: all`: replaces the body with a CloudEvents JSON batch of the latest event of each true
 * input of the condition that fired (structured mode, in input-name order). The triggering event's
 * `ce-` headers stay, so ids and de-duplication keep working downstream.
 */
final class BatchBuilder {
  static final String BATCH_CONTENT_TYPE = Binding.BATCH_TYPE;

  private BatchBuilder() {}

  static void toBatch(Exchange exchange) {
    ConditionContext ctx = exchange.getProperty(ConditionContext.PROPERTY, ConditionContext.class);
    if (ctx == null)
      throw new IllegalStateException("deliver: all needs the ofn-trigger record step first");
    @SuppressWarnings("unchecked")
    Set<String> fired = exchange.getProperty(ConditionContext.FIRED, Set.class);
    Snapshot snapshot = ctx.snapshot();
    List<CloudEvent> batch = new ArrayList<>();
    for (Map.Entry<String, InputState> e : new TreeMap<>(snapshot.inputs()).entrySet()) {
      boolean wanted = fired == null || fired.contains(e.getKey());
      if (wanted
          && Boolean.TRUE.equals(snapshot.truth().get(e.getKey()))
          && e.getValue().event() != null) {
        batch.add(event(e.getValue().event()));
      }
    }
    exchange.getMessage().setBody(JsonFormat.writeBatch(batch));
    exchange.getMessage().setHeader(CloudEventHeaders.CONTENT_TYPE, BATCH_CONTENT_TYPE);
  }

  /** A stored event as a CloudEvent, attributes in name order. */
  static CloudEvent event(StoredEvent stored) {
    CloudEvent ce = CloudEvent.fromHeaders(stored.headers(), stored.body());
    return new CloudEvent(new TreeMap<>(ce.attributes()), ce.data());
  }
}
