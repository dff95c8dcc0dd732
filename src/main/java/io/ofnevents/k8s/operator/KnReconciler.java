package io.ofnevents.k8s.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.compile.knative.KnativePlans;
import io.ofnevents.k8s.camelk.KnativeExport;
import io.ofnevents.k8s.operator.status.Findings;
import io.ofnevents.k8s.operator.status.KindStatus;
import io.ofnevents.k8s.operator.status.KnStatus;
import io.ofnevents.k8s.operator.status.Run;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.Loaded;
import io.ofnevents.model.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one Knative resource: what Knative's admission webhook would refuse is refused in its
 * status (there is no webhook here); then it is planned with the Brokers and buses of the cluster,
 * its destinations resolved through the API, its kind's status class marks what it found, it is
 * applied when it can run, and its status is written. What it ran before keeps running while it
 * cannot.
 */
final class KnReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(KnReconciler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A spec Knative's webhook refuses: validation errors (bad filter keys, missing fields...). */
  static final String INVALID = "InvalidSpec";

  /** A change to a field Knative keeps immutable (a Broker's class or config, `spec.broker`). */
  static final String IMMUTABLE = "ImmutableFieldChanged";

  /** Where the values of immutable fields are kept once accepted (`status.annotations`). */
  static final String ACCEPTED = "ofn-events.io/accepted";

  private final KubernetesClient client;
  private final ClusterCache cache;
  private final KnativeApis apis;
  private final SinkRefs refs;
  private final Applier applier;
  private final StatusWriter status;
  private final ConsoleResources console;
  private final String version;

  KnReconciler(
      KubernetesClient client,
      ClusterCache cache,
      KnativeApis apis,
      Applier applier,
      StatusWriter status,
      ConsoleResources console,
      String version) {
    this.client = client;
    this.cache = cache;
    this.apis = apis;
    this.refs = new SinkRefs(client);
    this.applier = applier;
    this.status = status;
    this.console = console;
    this.version = version;
  }

  Reconciler.Result reconcile(ResourceId id, GenericKubernetesResource cr) {
    if (!ours(id, cr)) {
      // Knative Eventing's controllers serve it; stop whatever we ran for it before
      applier.delete(id);
      console.remove(id);
      return Reconciler.Result.DONE;
    }
    GenericKubernetesResource resource = defaultClass(id, cr);
    KindStatus kind = Watched.status(id.kind());
    Map<String, Object> current = StatusWriter.status(cr);
    KnStatus s =
        new KnStatus(
            kind.conditions(),
            current.get("conditions") instanceof List<?> l ? l : List.of(),
            StatusWriter.fields(current));
    copyAnnotations(current, s);
    LoadResult loaded = Resources.load(id.kind(), resource);
    if (loaded.hasErrors() || loaded.resources().size() != 1) {
      console.put(id, loaded, loaded.problems(), null);
      return refused(id, cr, s, INVALID, Planner.messages(loaded.problems(), null));
    }
    Loaded self = loaded.resources().get(0);
    Resource r = self.resource();
    String changed = accept(kind.immutable(r), current, s);
    if (changed != null) return refused(id, cr, s, IMMUTABLE, changed);

    List<Loaded> inputs = new ArrayList<>(List.of(self));
    inputs.addAll(inputs(r));
    List<Problem> problems = Validator.validate(inputs);
    if (problems.stream().anyMatch(p -> p.isError() && id.equals(p.resource()))) {
      console.put(id, loaded, problems, null);
      return refused(id, cr, s, INVALID, Planner.messages(problems, id));
    }
    problems.stream()
        .filter(p -> !p.isError() && id.equals(p.resource()))
        .forEach(p -> s.warn(Planner.brief(p)));
    SinkRefs.Resolution resolution = refs.resolveAll(r);
    CompileOptions options = new CompileOptions(resolution.urls(), version);
    ResourceSet set = ResourceSet.of(inputs.stream().map(Loaded::resource).toList());
    if (!applier.sharesInMemoryBus()) {
      // each Integration is its own pod, with its own in-memory bus (export says so too)
      KnativeExport.inMemoryBus(set, r, null).ifPresent(p -> s.warn(p.message()));
    }
    Findings f =
        new Findings(
            r,
            set,
            KnativePlans.of(set, options),
            options.addressing(),
            resolution.failures(),
            invalid(problems, id),
            new ClusterLookup(client, cache),
            applier.address(id),
            applier.sharesInMemoryBus());
    if (kind.resolved(f, s)) run(id, resource, inputs, options, f, kind, s, loaded, problems);
    else console.put(id, loaded, problems, null);
    if (status.write(id.kind(), cr, s) && s.ready().status() != KnStatus.State.TRUE) {
      LOG.warn("Not ready: {}: {}", s.ready().reason(), s.ready().message());
    }
    return !resolution.failures().isEmpty() || kind.retry(f, s)
        ? Reconciler.Result.RETRY
        : Reconciler.Result.DONE;
  }

  /** What `r` (of either API) is planned with (see {@link Inputs}). */
  List<Loaded> inputs(Resource r) {
    return Inputs.of(r, cache, apis);
  }

  /** Compiles `r` with its inputs and applies it; marks where its routes stand. */
  private void run(
      ResourceId id,
      GenericKubernetesResource cr,
      List<Loaded> inputs,
      CompileOptions options,
      Findings f,
      KindStatus kind,
      KnStatus s,
      LoadResult loaded,
      List<Problem> problems) {
    Bundle bundle = Compiler.compile(inputs, options);
    RouteFile file =
        bundle.routes().stream().filter(rf -> rf.resource().equals(id)).findFirst().orElse(null);
    if (file == null
        || bundle.problems().stream().anyMatch(p -> p.isError() && id.equals(p.resource()))) {
      s.refuse(INVALID, Planner.messages(bundle.problems(), id));
      console.put(id, loaded, problems, null);
      return;
    }
    Outcome.Plan plan =
        new Outcome.Plan(
            file, bundle.applicationProperties(), null, bundle.secretLiterals(), null, List.of());
    Run run;
    try {
      Applier.Applied applied = applier.apply(id, cr, plan);
      applied.warnings().forEach(s::warn);
      run = new Run(Run.State.valueOf(applied.state().name()), applied.message());
    } catch (Applier.Rejected e) {
      run = new Run(Run.State.FAILED, e.getMessage());
    }
    kind.running(f, run, s);
    console.put(id, loaded, problems, plan);
  }

  /**
   * Whether we serve it: with our CRDs everything; with Knative's own, only Brokers of our class
   * and the Triggers of those Brokers. Knative's flow controllers serve every Sequence and Parallel
   * (flows have no class to opt out by), so with its CRDs they are Knative's, as PingSources are.
   */
  private boolean ours(ResourceId id, GenericKubernetesResource cr) {
    if (apis.owner(id.kind()) != KnativeApis.Owner.KNATIVE) return true;
    if (id.kind() == Kind.KN_BROKER) return Broker.OFN_CLASS.equals(brokerClass(cr));
    if (id.kind() == Kind.KN_TRIGGER) {
      Map<?, ?> spec = Resources.spec(cr);
      Object broker =
          spec.get("broker") != null
              ? spec.get("broker")
              : spec.get("brokerRef") instanceof Map<?, ?> ref ? ref.get("name") : null;
      return broker instanceof String name
          && cache
              .get(new ResourceId(Kind.KN_BROKER, id.namespace(), name))
              .map(g -> Broker.OFN_CLASS.equals(brokerClass(g)))
              .orElse(false);
    }
    return false; // PingSources, ApiServerSources, flows and the other kinds are Knative's
  }

  /**
   * Knative's defaulting webhook sets a Broker's class; without one, the operator writes stock
   * Knative's default (the update comes back as a change, which finds it set).
   */
  private GenericKubernetesResource defaultClass(ResourceId id, GenericKubernetesResource cr) {
    if (id.kind() != Kind.KN_BROKER || brokerClass(cr) != null) return cr;
    try {
      return client
          .genericKubernetesResources(Resources.context(id.kind()))
          .inNamespace(id.namespace())
          .withName(id.name())
          .edit(
              latest -> {
                Map<String, String> annotations = new TreeMap<>();
                if (latest.getMetadata().getAnnotations() != null) {
                  annotations.putAll(latest.getMetadata().getAnnotations());
                }
                annotations.putIfAbsent(Broker.CLASS_ANNOTATION, Broker.DEFAULT_CLASS);
                latest.getMetadata().setAnnotations(annotations);
                return latest;
              });
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() == 404) return cr; // deleted meanwhile
      throw e;
    }
  }

  private static String brokerClass(GenericKubernetesResource cr) {
    Map<String, String> a = cr.getMetadata().getAnnotations();
    return a == null ? null : a.get(Broker.CLASS_ANNOTATION);
  }

  /**
   * Compares `now` with the values accepted before; returns the refusal message when one changed,
   * else records `now` as accepted (the first time) and returns null.
   */
  private static String accept(Map<String, String> now, Map<String, Object> current, KnStatus s) {
    if (now.isEmpty()) return null;
    Map<String, String> before = accepted(current);
    List<String> diffs = new ArrayList<>();
    now.forEach(
        (field, value) -> {
          String old = before.get(field);
          if (old != null && !old.equals(value)) diffs.add(field + ": -" + old + " +" + value);
        });
    if (!diffs.isEmpty()) {
      return "Immutable fields changed (-old +new): "
          + String.join("; ", diffs)
          + " (Knative's webhook refuses this; change it back, or delete and create it again)";
    }
    Map<String, String> merged = new TreeMap<>(now);
    merged.putAll(before);
    try {
      s.annotate(ACCEPTED, JSON.writeValueAsString(merged));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return null;
  }

  private static Map<String, String> accepted(Map<String, Object> current) {
    if (current.get("annotations") instanceof Map<?, ?> a
        && a.get(ACCEPTED) instanceof String json) {
      try {
        Map<String, String> m = new TreeMap<>();
        JSON.readTree(json)
            .fields()
            .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return Map.of();
      }
    }
    return Map.of();
  }

  private static void copyAnnotations(Map<String, Object> current, KnStatus s) {
    if (current.get("annotations") instanceof Map<?, ?> a) {
      a.forEach((k, v) -> s.annotate(String.valueOf(k), String.valueOf(v)));
    }
  }

  /** The errors of the other inputs (buses), by resource. */
  private static Map<ResourceId, String> invalid(List<Problem> problems, ResourceId self) {
    Map<ResourceId, String> invalid = new TreeMap<>();
    for (Problem p : problems) {
      if (p.isError() && p.resource() != null && !p.resource().equals(self)) {
        invalid.putIfAbsent(p.resource(), Planner.messages(problems, p.resource()));
      }
    }
    return invalid;
  }

  private Reconciler.Result refused(
      ResourceId id, GenericKubernetesResource cr, KnStatus s, String reason, String message) {
    s.refuse(reason, message);
    if (status.write(id.kind(), cr, s)) LOG.warn("Refused: {}: {}", reason, message);
    return Reconciler.Result.DONE;
  }
}
