package io.ofnevents.model.validate;

import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.BrokerBus;
import io.ofnevents.model.knative.KReference;

/** A Broker: its class annotation, its bus (`spec.config`) and its default delivery. */
final class BrokerRules {
  private BrokerRules() {}

  static void check(Broker b, ResourceSet all, Addressing a, Reporter r) {
    String cls = b.brokerClass();
    if (cls != null
        && !cls.isEmpty()
        && !cls.equals(Broker.DEFAULT_CLASS)
        && !cls.equals(Broker.OFN_CLASS)) {
      r.warning(
          "metadata.annotations[\"" + Broker.CLASS_ANNOTATION + "\"]",
          "broker class \""
              + cls
              + "\" is served like "
              + Broker.DEFAULT_CLASS
              + ", as a subject on the event bus; settings of that class are not read");
    }
    KReference config = b.specOrEmpty().config();
    if (config != null) config(config, b, all, a, r);
    KnDeliveryRules.check(b.specOrEmpty().delivery(), "spec.delivery", b.namespace(), all, a, r);
  }

  private static void config(KReference c, Broker b, ResourceSet all, Addressing a, Reporter r) {
    switch (BrokerBus.configKind(c)) {
      case BUS -> {
        if ("ClusterEventBus".equals(c.kind()) && c.namespace() != null) {
          r.warning("spec.config.namespace", "ignored: ClusterEventBus is cluster-scoped");
        }
        if (a.strict() && BrokerBus.of(b, all).bus().isEmpty()) {
          r.error(
              "spec.config",
              c.kind()
                  + " "
                  + ("EventBus".equals(c.kind())
                      ? c.withDefaultNamespace(b.namespace()).namespace() + "/"
                      : "")
                  + c.name()
                  + " not found");
        }
      }
      case CONFIG_MAP ->
          r.warning(
              "spec.config",
              "Knative's ConfigMap "
                  + c.name()
                  + " is not read: the Broker uses the default bus (the namespace's EventBus"
                  + " default, else the ClusterEventBus default, else an in-memory bus)");
      case OTHER ->
          r.error(
              "spec.config",
              "must name an EventBus or ClusterEventBus (apiVersion: events.openfunction.io/v1alpha1),"
                  + " or Knative's ConfigMap (v1); got "
                  + (c.apiVersion() == null ? "" : c.apiVersion() + " ")
                  + c.kind());
    }
  }
}
