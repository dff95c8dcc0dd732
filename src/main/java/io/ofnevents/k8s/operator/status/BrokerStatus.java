package io.ofnevents.k8s.operator.status;

import io.ofnevents.compile.knative.BrokerPlan;
import io.ofnevents.model.Resource;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.KReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Broker's status: `address.url` (its ingress), `deadLetterSinkUri`, and Knative's conditions.
 * `TriggerChannelReady` is its bus (the subject its Triggers read), `FilterReady` is always True
 * (each Trigger filters in its own route), `IngressReady` follows the ingress route.
 */
public final class BrokerStatus implements KindStatus {
  public static final String ADDRESSABLE = "Addressable";
  public static final String INGRESS = "IngressReady";
  public static final String TRIGGER_CHANNEL = "TriggerChannelReady";
  public static final String FILTER = "FilterReady";

  /** The fields Knative's webhook does not let change. */
  public static final String CLASS_FIELD = "metadata.annotations[" + Broker.CLASS_ANNOTATION + "]";

  public static final String CONFIG_FIELD = "spec.config";

  /** `status.annotations`: the subject a Broker is, and its bus. */
  public static final String SUBJECT = "ofn-events.io/subject";

  public static final String BUS = "ofn-events.io/bus";

  @Override
  public List<String> conditions() {
    return List.of(ADDRESSABLE, DeadLetters.CONDITION, FILTER, INGRESS, TRIGGER_CHANNEL);
  }

  @Override
  public Map<String, String> immutable(Resource r) {
    Broker b = (Broker) r;
    Map<String, String> accepted = new LinkedHashMap<>();
    String cls = b.brokerClass();
    accepted.put(CLASS_FIELD, cls == null || cls.isEmpty() ? Broker.DEFAULT_CLASS : cls);
    KReference c = b.specOrEmpty().config();
    accepted.put(
        CONFIG_FIELD,
        c == null
            ? ""
            : (c.apiVersion() == null ? String.valueOf(c.group()) : c.apiVersion())
                + " "
                + c.kind()
                + " "
                + (c.namespace() == null ? "" : c.namespace() + "/")
                + c.name());
    return accepted;
  }

  @Override
  public boolean resolved(Findings f, KnStatus s) {
    Broker b = (Broker) f.resource();
    BrokerPlan plan = f.plans().brokers().get(b.id());
    boolean runs = true;
    switch (plan.bus().how()) {
      case CONFIG_NOT_FOUND -> {
        KReference c = b.specOrEmpty().config();
        s.markFalse(
            TRIGGER_CHANNEL,
            "BusNotFound",
            c.kind()
                + " "
                + ("EventBus".equals(c.kind())
                    ? c.withDefaultNamespace(b.namespace()).namespace() + "/"
                    : "")
                + c.name()
                + " not found");
        runs = false;
      }
      case IMPLICIT_IN_MEMORY -> {
        s.markTrue(TRIGGER_CHANNEL);
        s.annotate(BUS, "inMemory");
      }
      default -> {
        Resource bus = plan.bus().bus().orElseThrow();
        s.annotate(BUS, bus.kind().kindName() + "/" + bus.name());
        String invalid = f.invalid().get(bus.id());
        if (invalid == null) {
          s.markTrue(TRIGGER_CHANNEL);
        } else {
          s.markFalse(TRIGGER_CHANNEL, "BusInvalid", bus.id() + " is invalid: " + invalid);
          runs = false;
        }
      }
    }
    s.annotate(SUBJECT, plan.subject());
    s.markTrue(FILTER);
    DeadLetters.mark(f, b.specOrEmpty().delivery(), s);
    return runs;
  }

  @Override
  public void running(Findings f, Run run, KnStatus s) {
    Address.mark(f, s, ADDRESSABLE, "nil URL", "URL is nil");
    run.mark(s, INGRESS, "DeploymentFailure");
  }
}
