package io.ofnevents.compile;

import io.ofnevents.model.Input;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.Trigger;
import io.ofnevents.model.filter.TriggerFilters;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.BrokerBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The inputs of an OpenFunction Trigger that read one Knative Broker (`inputs.<name>.broker` with
 * an optional `filter.attributes`): the Broker's bus, and the steps that keep the events some
 * input's filter matches and name those inputs in `ce-ofninput`, as the condition state expects.
 * Inputs with one filter share a Camel `filter`; different filters are each evaluated once
 * (`ofn-kn:inputs`), so an event two inputs match arrives once, as both.
 */
final class BrokerInputs {
  static final String MATCHED = "ofnKnMatched";

  private final BusEndpoints bus;
  private final Map<String, String> filters; // input name -> ofn-kn-filter expression

  private BrokerInputs(BusEndpoints bus, Map<String, String> filters) {
    this.bus = bus;
    this.filters = filters;
  }

  /** The Broker inputs among `names` of `t` (they all read one subject), or null when none. */
  static BrokerInputs of(Trigger t, TreeSet<String> names, Kamelets used, Compilation c) {
    Input first = t.spec().inputs().get(names.first());
    if (!first.readsBroker()) return null;
    String ns = first.namespace() == null ? t.namespace() : first.namespace();
    ResourceId id = new ResourceId(Kind.KN_BROKER, ns, first.broker());
    Broker broker =
        (Broker)
            c.resources()
                .get(id)
                .orElseThrow(() -> new IllegalStateException(id + " is not in the input"));
    Map<String, String> filters = new TreeMap<>();
    for (String name : names) {
      filters.put(name, TriggerFilters.expression(t.spec().inputs().get(name).filter(), null));
    }
    return new BrokerInputs(
        new BusEndpoints(BrokerBus.of(broker, c.resources()).spec(), used, c, t.id()), filters);
  }

  BusEndpoints bus() {
    return bus;
  }

  /** The steps of the input route, ending in `direct` (the Trigger's condition route). */
  List<Object> steps(String direct) {
    if (filters.values().stream().distinct().count() == 1) {
      String inputs = String.join(",", filters.keySet());
      return Y.list(
          filter(
              Y.map(
                  "language",
                  Y.map(
                      "language",
                      "ofn-kn-filter",
                      "expression",
                      filters.values().iterator().next())),
              Y.list(
                  Y.map("setHeader", Y.map("name", "ce-ofninput", "constant", inputs)),
                  Y.to(direct, null))));
    }
    List<Object> steps = new ArrayList<>();
    filters.forEach(
        (name, expression) ->
            steps.add(
                Y.map(
                    "setProperty",
                    Y.map(
                        "name",
                        "ofnKnInput." + name,
                        "expression",
                        Y.map(
                            "language",
                            Y.map("language", "ofn-kn-filter", "expression", expression))))));
    steps.add(Y.to("ofn-kn:inputs", Y.map("names", String.join(",", filters.keySet()))));
    steps.add(
        Y.map(
            "filter",
            Y.map(
                "simple",
                "${exchangeProperty." + MATCHED + "}",
                "steps",
                Y.list(Y.to(direct, null)))));
    return steps;
  }

  private static Map<String, Object> filter(Map<String, Object> expression, List<Object> steps) {
    return Y.map("filter", Y.map("expression", expression, "steps", steps));
  }
}
