package io.ofnevents.k8s.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.json.Json;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.model.knative.KnTriggerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Knative Trigger's status: `subscriberUri`, `deadLetterSinkUri`, and Knative's conditions, with
 * the reasons of Knative's Trigger reconciler (`BrokerDoesNotExist`, `Unable to get the
 * Subscriber's URI`, `DependencyDoesNotExist`...). `SubscriptionReady` follows its routes.
 */
public final class KnTriggerStatus implements KindStatus {
  public static final String BROKER = "BrokerReady";
  public static final String SUBSCRIBER = "SubscriberResolved";
  public static final String SUBSCRIPTION = "SubscriptionReady";
  public static final String DEPENDENCY = "DependencyReady";

  @Override
  public List<String> conditions() {
    return List.of(BROKER, DeadLetters.CONDITION, DEPENDENCY, SUBSCRIBER, SUBSCRIPTION);
  }

  @Override
  public Map<String, String> immutable(Resource r) {
    String broker = ((KnTrigger) r).brokerName();
    return Map.of("spec.broker", broker == null ? "" : broker);
  }

  @Override
  public boolean resolved(Findings f, KnStatus s) {
    KnTrigger t = (KnTrigger) f.resource();
    KnTriggerSpec spec = t.spec();
    dependency(f, t, s);
    Optional<Observed> broker =
        f.cluster().get(Kind.KN_BROKER.api().apiVersion(), "Broker", t.namespace(), t.brokerName());
    if (broker.isEmpty()) {
      s.markFalse(BROKER, "BrokerDoesNotExist", "Broker \"" + t.brokerName() + "\" does not exist");
      return false;
    }
    s.propagate(
        BROKER, broker.get().ready(), "BrokerNotConfigured", "Broker has not yet been reconciled.");
    Findings.Resolved subscriber = f.resolve(spec.subscriber());
    s.field("subscriberUri", subscriber.url());
    if (subscriber.ok()) {
      s.markTrue(SUBSCRIBER);
    } else {
      s.markFalse(SUBSCRIBER, "Unable to get the Subscriber's URI", subscriber.error());
    }
    // the Trigger's dead letter sink, else its Broker's (Knative's fallback)
    var own = spec.delivery();
    var brokerSpec = f.plans().brokers().get(brokerId(t));
    var delivery =
        own != null && own.deadLetterSink() != null || brokerSpec == null
            ? own
            : brokerSpec.broker().specOrEmpty().delivery();
    boolean dls = DeadLetters.mark(f, delivery, s);
    // BrokerReady says why a Broker that cannot carry events is not Ready
    return subscriber.ok() && dls && f.brokerUsable(brokerId(t));
  }

  @Override
  public void running(Findings f, Run run, KnStatus s) {
    run.mark(s, SUBSCRIPTION, "NotSubscribed");
  }

  @Override
  public boolean retry(Findings f, KnStatus s) {
    // a dependency of a kind we do not watch is looked at again with backoff until Ready
    String dependency = dependencyAnnotation((KnTrigger) f.resource());
    if (dependency == null || s.condition(DEPENDENCY).status() == KnStatus.State.TRUE) return false;
    JsonNode ref = Json.object(dependency, new String[1]).orElse(null);
    return ref != null
        && !f.cluster().watches(ref.path("apiVersion").asText(), ref.path("kind").asText());
  }

  /**
   * `knative.dev/dependency`: not Ready until that object is (Knative's rules: missing, generation
   * not observed yet, then its Ready condition).
   */
  private static void dependency(Findings f, KnTrigger t, KnStatus s) {
    String annotation = dependencyAnnotation(t);
    if (annotation == null) {
      s.markTrue(DEPENDENCY);
      return;
    }
    String[] why = new String[1];
    JsonNode ref = Json.object(annotation, why).orElse(null);
    if (ref == null) {
      s.markFalse(
          DEPENDENCY,
          "ReferenceError",
          "Unable to unmarshal objectReference from dependency annotation of trigger: " + why[0]);
      return;
    }
    String kind = ref.path("kind").asText();
    String name = ref.path("name").asText();
    String apiVersion = ref.path("apiVersion").asText();
    Optional<Observed> dep;
    try {
      dep = f.cluster().get(apiVersion, kind, t.namespace(), name);
    } catch (RuntimeException e) {
      s.markUnknown(
          DEPENDENCY, "DependencyGetFailed", "Failed to get dependency: " + e.getMessage());
      return;
    }
    if (dep.isEmpty()) {
      s.markFalse(
          DEPENDENCY,
          "DependencyDoesNotExist",
          "Dependency does not exist: "
              + apiVersion
              + " "
              + kind
              + " "
              + t.namespace()
              + "/"
              + name
              + " not found");
      return;
    }
    Long generation = dep.get().generation();
    Long observed = dep.get().observedGeneration();
    if (generation != null && !generation.equals(observed)) {
      s.markUnknown(
          DEPENDENCY,
          "GenerationNotEqual",
          "The dependency's metadata.generation, \""
              + generation
              + "\", is not equal to its status.observedGeneration, \""
              + observed
              + "\".");
      return;
    }
    s.propagate(
        DEPENDENCY,
        dep.get().ready(),
        "DependencyNotConfigured",
        "Dependency has not yet been reconciled.");
  }

  private static String dependencyAnnotation(KnTrigger t) {
    var annotations = t.metadata().annotations();
    return annotations == null ? null : annotations.get(KnTrigger.DEPENDENCY_ANNOTATION);
  }

  private static io.ofnevents.model.ResourceId brokerId(KnTrigger t) {
    return new io.ofnevents.model.ResourceId(Kind.KN_BROKER, t.namespace(), t.brokerName());
  }
}
