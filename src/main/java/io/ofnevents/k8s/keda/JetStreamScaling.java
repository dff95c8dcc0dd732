package io.ofnevents.k8s.keda;

import io.ofnevents.compile.Names;
import io.ofnevents.model.Input;
import io.ofnevents.model.NatsStreamingSpec;
import io.ofnevents.model.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ScaledObject of a Trigger on a `natsStreaming` bus with a `scaleOption`: one KEDA
 * `nats-jetstream` trigger per input subject, on the stream and durable consumer its input route
 * binds (where upstream used the `stan` scaler). Pure.
 */
final class JetStreamScaling {
  private JetStreamScaling() {}

  static ScaledObjects.Scaling of(Trigger t, NatsStreamingSpec stan, String path) {
    if (stan.scaleOption() == null) return ScaledObjects.Scaling.none();
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if ("topic".equals(stan.subscriptionType())) {
      warnings.add(
          path
              + ": not applied: with subscriptionType topic every replica has a JetStream consumer"
              + " of its own and receives every event, so more replicas do not share the work");
      return new ScaledObjects.Scaling(null, warnings, errors);
    }
    ScaleOption o = ScaleOption.of(path, stan.scaleOption());
    o.check(errors);
    TreeSet<String> subjects = new TreeSet<>();
    for (Input input : t.spec().inputs().values()) {
      String ns = input.namespace() == null ? t.namespace() : input.namespace();
      subjects.add(Names.topic(ns, input.eventSource(), input.event()));
    }
    String consumer =
        Names.triggerConsumer(stan.durableSubscriptionName(), t.namespace(), t.name());
    Map<String, Object> auth = o.authenticationRef(errors);
    List<Object> triggers = new ArrayList<>();
    for (String subject : subjects) {
      Map<String, String> generated = new LinkedHashMap<>();
      generated.put(
          "natsServerMonitoringEndpoint", stan.scaleOption().natsServerMonitoringEndpoint());
      // A natsStreaming bus has one stream per subject, which no other subject shares.
      generated.put("stream", Names.stream(subject));
      generated.put("consumer", Names.jetStreamDurable(consumer, null, subject, false));
      Map<String, String> metadata = o.triggerMetadata(generated, warnings);
      if (!metadata.containsKey("account") && !metadata.containsKey("accountID")) {
        metadata.put("account", ScaledObjects.DEFAULT_ACCOUNT);
      }
      triggers.add(ScaledObjects.trigger("nats-jetstream", subject, metadata, auth));
    }
    boolean sharedState =
        t.spec().conditionState() != null && "nats".equals(t.spec().conditionState().store());
    Integer max = o.maxReplicaCount();
    if (subjects.size() > 1 && !sharedState && (max == null || max > 1)) {
      warnings.add(
          path
              + ": each replica keeps its own condition state (conditionState.store memory): a"
              + " condition over several inputs sees only the events its replica received; use"
              + " conditionState.store nats");
    }
    return ScaledObjects.result(t.id(), o, triggers, warnings, errors);
  }
}
