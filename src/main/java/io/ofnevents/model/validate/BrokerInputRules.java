package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.Input;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.Trigger;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.filter.TriggerFilters;
import java.util.ArrayList;
import java.util.List;

/**
 * The two shapes of an OpenFunction Trigger input: `eventSource` + `event` (upstream), or `broker`
 * with an optional `filter.attributes` (ofn-events), never both.
 */
final class BrokerInputRules {
  private BrokerInputRules() {}

  static void check(Trigger t, ResourceSet all, Addressing a, Reporter r) {
    if (t.spec() == null || t.spec().inputs() == null) return;
    t.spec()
        .inputs()
        .forEach(
            (name, input) -> {
              if (input != null) input(input, FieldPath.join("spec.inputs", name), t, all, a, r);
            });
  }

  private static void input(
      Input in, String path, Trigger t, ResourceSet all, Addressing a, Reporter r) {
    if (!in.readsBroker()) {
      // Required unless `broker` is given, so checked here rather than by the loader.
      if (in.eventSource() == null)
        r.error(FieldPath.join(path, "eventSource"), "required field is missing");
      if (in.event() == null) r.error(FieldPath.join(path, "event"), "required field is missing");
      if (in.filter() != null) r.error(FieldPath.join(path, "filter"), "a filter needs broker");
      return;
    }
    if (in.eventSource() != null || in.event() != null) {
      r.error(
          FieldPath.join(path, in.eventSource() != null ? "eventSource" : "event"),
          "give either broker (and filter) or eventSource and event, not both");
    }
    if (in.filter() != null) {
      List<TriggerFilters.Issue> issues = new ArrayList<>();
      TriggerFilters.names(
          in.filter().attributes(),
          FieldPath.join(FieldPath.join(path, "filter"), "attributes"),
          issues);
      issues.forEach(i -> r.error(i.path(), i.message()));
    }
    String ns = in.namespace() == null ? t.namespace() : in.namespace();
    if (a.strict()) {
      KnTriggerRules.broker(
          new ResourceId(Kind.KN_BROKER, ns, in.broker()), FieldPath.join(path, "broker"), all, r);
    }
  }
}
