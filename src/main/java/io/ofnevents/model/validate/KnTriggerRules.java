package io.ofnevents.model.validate;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.TriggerSpec;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.filter.TriggerFilters;
import io.ofnevents.model.json.Json;
import io.ofnevents.model.knative.KReference;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.model.knative.KnTriggerSpec;
import java.util.Map;

/** A Knative Trigger: its Broker, filters, subscriber, delivery and annotations. */
final class KnTriggerRules {
  private KnTriggerRules() {}

  static void check(KnTrigger t, ResourceSet all, Addressing a, Reporter r) {
    KnTriggerSpec s = t.spec();
    annotations(t, r);
    if (s == null) return;
    if (s.broker() == null && s.brokerRef() == null) {
      r.error("spec.broker", "required field is missing (or give spec.brokerRef)");
    } else if (s.broker() != null && s.brokerRef() != null) {
      r.error("spec.brokerRef", "give only one of spec.broker and spec.brokerRef");
    } else if (s.brokerRef() != null) {
      brokerRef(s.brokerRef(), t.namespace(), r);
    }
    if (a.strict() && t.brokerName() != null && !t.brokerName().isEmpty()) {
      broker(
          new ResourceId(Kind.KN_BROKER, t.namespace(), t.brokerName()),
          s.broker() != null ? "spec.broker" : "spec.brokerRef",
          all,
          r);
    }
    for (TriggerFilters.Issue i : TriggerFilters.check(s.filter(), s.filters())) {
      if (i.warning()) r.warning(i.path(), i.message());
      else r.error(i.path(), i.message());
    }
    DestinationRules.knative(s.subscriber(), "spec.subscriber", t.namespace(), all, a, r);
    KnDeliveryRules.check(s.delivery(), "spec.delivery", t.namespace(), all, a, r);
  }

  /** A Broker named by a Trigger (Knative or an OpenFunction input) must be in a strict run. */
  static void broker(ResourceId broker, String path, ResourceSet all, Reporter r) {
    if (all.get(broker).isEmpty()) {
      r.error(path, broker + " is not defined: a Broker this run serves must be in its input");
    }
  }

  private static void brokerRef(KReference ref, String namespace, Reporter r) {
    if (!"Broker".equals(ref.kind()) || !"eventing.knative.dev".equals(ref.apiGroup())) {
      r.error("spec.brokerRef", "must name an eventing.knative.dev Broker");
    }
    if (ref.namespace() != null && !ref.namespace().equals(namespace)) {
      r.error(
          "spec.brokerRef.namespace",
          "a Broker of another namespace needs Knative's cross-namespace-event-links feature,"
              + " which ofn-events does not serve");
    }
  }

  private static void annotations(KnTrigger t, Reporter r) {
    Map<String, String> ann = t.metadata().annotations();
    if (ann == null) return;
    String dependency = ann.get(KnTrigger.DEPENDENCY_ANNOTATION);
    String depPath = "metadata.annotations[\"" + KnTrigger.DEPENDENCY_ANNOTATION + "\"]";
    if (dependency != null) {
      String[] why = new String[1];
      var ref = Json.object(dependency, why);
      if (ref.isEmpty()) {
        r.error(
            depPath,
            "must be a JSON ObjectReference ({\"kind\", \"name\", \"apiVersion\"}): " + why[0]);
      } else {
        for (String field : new String[] {"kind", "name", "apiVersion"}) {
          if (!ref.get().hasNonNull(field) || ref.get().get(field).asText().isEmpty()) {
            r.error(depPath, "the ObjectReference has no " + field);
          }
        }
        if (ref.get().hasNonNull("namespace")
            && !ref.get().get("namespace").asText().equals(t.namespace())) {
          r.error(depPath, "namespace must be empty or the Trigger's (" + t.namespace() + ")");
        }
      }
    }
    KnAnnotationRules.check(
        ann,
        t.maxDeliveries(),
        "a 2xx body that is not a CloudEvent fails the delivery, as in Knative",
        "such a body is ignored",
        r);
    String concurrency = ann.get(KnTrigger.CONCURRENCY_ANNOTATION);
    Integer c = t.concurrency();
    if (concurrency != null && (c == null || c < 1 || c > TriggerSpec.MAX_CONCURRENCY)) {
      r.error(
          "metadata.annotations[\"" + KnTrigger.CONCURRENCY_ANNOTATION + "\"]",
          "must be a number of events delivered at once from 1 to "
              + TriggerSpec.MAX_CONCURRENCY
              + " (got \""
              + concurrency
              + "\")");
    }
    String injection = ann.get(KnTrigger.INJECTION_ANNOTATION);
    if (injection != null) {
      String path = "metadata.annotations[\"" + KnTrigger.INJECTION_ANNOTATION + "\"]";
      if (!injection.equals("enabled") && !injection.equals("disabled")) {
        r.error(path, "must be enabled or disabled (got \"" + injection + "\")");
      } else if (!"default".equals(t.brokerName())) {
        r.error(path, "is only used with the Broker default");
      }
    }
  }
}
