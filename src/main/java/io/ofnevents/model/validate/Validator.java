package io.ofnevents.model.validate;

import io.ofnevents.model.ClusterEventBus;
import io.ofnevents.model.EventBus;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.Trigger;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.knative.ApiServerSource;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.model.knative.Parallel;
import io.ofnevents.model.knative.PingSource;
import io.ofnevents.model.knative.Sequence;
import io.ofnevents.model.load.Loaded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates loaded resources together (bus references cross files) and returns every problem, in
 * file and line order. Pure.
 */
public final class Validator {
  private Validator() {}

  /**
   * Validates without resolving destinations or requiring Brokers and buses to be in the input:
   * what the operator needs before it resolves them from the cluster.
   */
  public static List<Problem> validate(List<Loaded> loaded) {
    return validate(loaded, Addressing.operator(Map.of()));
  }

  /** Validates; with a strict `addressing` every destination must resolve (files, standalone). */
  public static List<Problem> validate(List<Loaded> loaded, Addressing addressing) {
    List<Problem> problems = new ArrayList<>();
    ResourceSet all = ResourceSet.of(loaded.stream().map(Loaded::resource).toList());
    Map<ResourceId, Loaded> first = new HashMap<>();
    for (Loaded l : loaded) {
      Resource res = l.resource();
      Reporter r = new Reporter(res.id(), l.where(), problems);
      Loaded previous = first.putIfAbsent(res.id(), l);
      if (previous != null) duplicate(previous, l, r);
      if (res.name() != null && !res.name().matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
        r.error(
            "metadata.name",
            "\"" + res.name() + "\" is not a valid name (lowercase letters, digits, '-' and '.')");
      }
      String ns = res.kind().namespaced() ? res.namespace() : null;
      if (ns != null && !ns.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
        // Kubernetes requires a DNS label; generated names (Names) rely on it having no dots.
        r.error(
            "metadata.namespace",
            "\""
                + ns
                + "\" is not a valid namespace (a DNS label: lowercase letters, digits and '-')");
      }
      AnnotationRules.check(res, "", r);
      if (res instanceof EventSource es) EventSourceRules.check(es, all, r);
      if (res instanceof EventBus eb) BusRules.check(eb.spec(), r);
      if (res instanceof ClusterEventBus ceb) BusRules.check(ceb.spec(), r);
      if (res instanceof Trigger t) TriggerRules.check(t, all, r);
      if (res instanceof Trigger t) BrokerInputRules.check(t, all, addressing, r);
      OpenFunctionSinks.check(res, all, addressing, r);
      if (res instanceof Broker b) BrokerRules.check(b, all, addressing, r);
      if (res instanceof KnTrigger t) KnTriggerRules.check(t, all, addressing, r);
      if (res instanceof PingSource p) PingSourceRules.check(p, all, addressing, r);
      if (res instanceof Sequence s) FlowRules.sequence(s, all, addressing, r);
      if (res instanceof Parallel p) FlowRules.parallel(p, all, addressing, r);
      if (res instanceof ApiServerSource s) ApiServerSourceRules.check(s, all, addressing, r);
    }
    problems.sort(Problem.ORDER);
    return List.copyOf(problems);
  }

  /**
   * The same resource twice: an error within one file; across files the last one wins, as with
   * `kubectl apply -f DIR`, which lets independent examples reuse names.
   */
  private static void duplicate(Loaded previous, Loaded again, Reporter r) {
    String where = previous.where().file() + ":" + previous.where().documentLine();
    if (previous.where().file() != null && previous.where().file().equals(again.where().file())) {
      r.error("metadata.name", "defined twice in this file (first at " + where + ")");
    } else {
      r.warning("metadata.name", "also defined at " + where + "; the last definition wins");
    }
  }
}
