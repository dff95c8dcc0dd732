package io.ofnevents.k8s.keda;

import io.ofnevents.compile.Names;
import io.ofnevents.k8s.camelk.Labels;
import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KEDA ScaledObject (keda.sh/v1alpha1) of an EventSource's or Trigger's Camel K Integration,
 * from upstream's `scaleOption`: Kafka lag of the EventSource's consumer groups (KEDA `kafka`
 * scaler), or the pending count of the Trigger's JetStream consumers on a `natsStreaming` bus (KEDA
 * `nats-jetstream` scaler, where upstream used `stan`). The Integration has a scale subresource, so
 * KEDA scales it as it would a Deployment. Pure.
 */
public final class ScaledObjects {
  public static final String API_VERSION = "keda.sh/v1alpha1";
  public static final String KIND = "ScaledObject";

  /** The JetStream account of a server without accounts, KEDA's `account` by default. */
  static final String DEFAULT_ACCOUNT = "$G";

  private ScaledObjects() {}

  /**
   * What `scaleOption` comes to for one resource: the ScaledObject (null: nothing to scale),
   * warnings and errors, each as `field.path: message`.
   */
  public record Scaling(
      Map<String, Object> scaledObject, List<String> warnings, List<String> errors) {
    static Scaling none() {
      return new Scaling(null, List.of(), List.of());
    }
  }

  /** The scaling of `r`, whose bus is `bus` (null: no bus). */
  public static Scaling of(Resource r, Resource bus) {
    if (r instanceof EventSource es && es.spec() != null) return KafkaScaling.of(es);
    EventBusSpec spec = bus == null ? null : ResourceSet.specOf(bus);
    if (r instanceof Trigger t
        && t.spec() != null
        && spec != null
        && spec.natsStreaming() != null) {
      return JetStreamScaling.of(t, spec.natsStreaming(), busPath(bus));
    }
    return Scaling.none();
  }

  /**
   * The paths of the scale options written in `r` itself (a Kafka event of an EventSource, a
   * natsStreaming bus), for "has no effect here" warnings.
   */
  public static List<String> declared(Resource r) {
    List<String> paths = new ArrayList<>();
    if (r instanceof EventSource es && es.spec() != null && es.spec().kafka() != null) {
      new TreeMap<>(es.spec().kafka())
          .forEach(
              (event, k) -> {
                if (k != null && k.scaleOption() != null) paths.add(kafkaPath(event));
              });
    }
    if (r.kind() == Kind.EVENT_BUS || r.kind() == Kind.CLUSTER_EVENT_BUS) {
      EventBusSpec bus = ResourceSet.specOf(r);
      if (bus != null && bus.natsStreaming() != null && bus.natsStreaming().scaleOption() != null) {
        paths.add("spec.natsStreaming.scaleOption");
      }
    }
    return paths;
  }

  /** The scale options that apply to `r`: its own, and for a Trigger its bus's. */
  public static List<String> applying(Resource r, Resource bus) {
    if (r instanceof Trigger && bus != null) {
      return declared(bus).stream().map(p -> bus.id() + " " + p).toList();
    }
    return declared(r);
  }

  /** The Trigger's scale option lives on its bus: the path names the bus. */
  static String busPath(Resource bus) {
    return bus.id() + " spec.natsStreaming.scaleOption";
  }

  /** One KEDA trigger; `auth` is its `authenticationRef` or null. */
  static Map<String, Object> trigger(
      String type, String name, Map<String, String> metadata, Map<String, Object> auth) {
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("type", type);
    trigger.put("name", Names.k8s(name));
    trigger.put("metadata", metadata);
    if (auth != null) trigger.put("authenticationRef", auth);
    return trigger;
  }

  static Scaling result(
      ResourceId id,
      ScaleOption o,
      List<Object> triggers,
      List<String> warnings,
      List<String> errors) {
    if (!errors.isEmpty()) return new Scaling(null, warnings, errors);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "scaleTargetRef",
        Map.of(
            "apiVersion",
            "camel.apache.org/v1",
            "kind",
            "Integration",
            "name",
            Names.integration(id)));
    spec.putAll(o.spec());
    spec.put("triggers", triggers);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", Names.scaledObject(id));
    metadata.put("namespace", id.namespace());
    metadata.put("labels", Labels.of(id));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("apiVersion", API_VERSION);
    manifest.put("kind", KIND);
    manifest.put("metadata", metadata);
    manifest.put("spec", spec);
    return new Scaling(manifest, warnings, errors);
  }

  static String kafkaPath(String event) {
    return FieldPath.join(FieldPath.join("spec.kafka", event), "scaleOption");
  }
}
