package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.model.DeliverySpec;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.Reference;
import io.ofnevents.model.Resource;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.Subscriber;
import io.ofnevents.model.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the sink `ref`s of a resource from the cluster: a Knative Service to its `status.url`,
 * an OpenFunction Function (v1beta1 or v1beta2) to its internal address. `ref.namespace` defaults
 * to the resource's namespace (upstream documented that but did not do it).
 */
final class SinkRefs {
  private final KubernetesClient client;

  SinkRefs(KubernetesClient client) {
    this.client = client;
  }

  /** Thrown when a ref names nothing usable; the message is for the CR's status. */
  static final class Unresolved extends Exception {
    Unresolved(String message) {
      super(message);
    }
  }

  /** Every ref of `r` without a `uri`, resolved, keyed as the compiler looks them up. */
  Map<Reference, String> resolve(Resource r) throws Unresolved {
    Map<Reference, String> urls = new LinkedHashMap<>();
    for (SinkSpec sink : sinks(r)) {
      if (sink == null || sink.uri() != null || sink.ref() == null) continue;
      Reference key = CompileOptions.key(sink.ref(), r.namespace());
      if (!urls.containsKey(key)) urls.put(key, url(key));
    }
    return urls;
  }

  private String url(Reference ref) throws Unresolved {
    String what = ref.apiVersion() + " " + ref.kind() + " " + ref.namespace() + "/" + ref.name();
    GenericKubernetesResource target =
        client
            .genericKubernetesResources(context(ref))
            .inNamespace(ref.namespace())
            .withName(ref.name())
            .get();
    if (target == null) throw new Unresolved("cannot find " + what);
    Map<?, ?> status =
        target.getAdditionalProperties().get("status") instanceof Map<?, ?> m ? m : Map.of();
    String url = ref.kind().equals("Service") ? knativeUrl(status) : functionUrl(status);
    if (url == null || url.isBlank()) throw new Unresolved(what + " has no address yet");
    return url;
  }

  private static String knativeUrl(Map<?, ?> status) {
    return status.get("url") instanceof String s ? s : null;
  }

  private static String functionUrl(Map<?, ?> status) {
    if (!(status.get("addresses") instanceof List<?> addresses)) return null;
    for (Object a : addresses) {
      if (a instanceof Map<?, ?> m && "Internal".equals(m.get("type"))) {
        return m.get("value") instanceof String s ? s : null;
      }
    }
    return null;
  }

  private static ResourceDefinitionContext context(Reference ref) throws Unresolved {
    String[] gv = ref.apiVersion().split("/", 2);
    boolean knative =
        ref.kind().equals("Service") && ref.apiVersion().equals("serving.knative.dev/v1");
    boolean function =
        ref.kind().equals("Function")
            && ref.apiVersion().matches("core\\.openfunction\\.io/v1beta[12]");
    if (!knative && !function) {
      throw new Unresolved("unsupported reference " + ref.apiVersion() + ", Kind=" + ref.kind());
    }
    return new ResourceDefinitionContext.Builder()
        .withGroup(gv[0])
        .withVersion(gv[1])
        .withKind(ref.kind())
        .withPlural(knative ? "services" : "functions")
        .withNamespaced(true)
        .build();
  }

  private static List<SinkSpec> sinks(Resource r) {
    List<SinkSpec> sinks = new ArrayList<>();
    if (r instanceof EventSource es && es.spec() != null) {
      sinks.add(es.spec().sink());
      DeliverySpec d = es.spec().delivery();
      if (d != null) sinks.add(d.deadLetterSink());
    }
    if (r instanceof Trigger t && t.spec() != null && t.spec().subscribers() != null) {
      for (Subscriber s : t.spec().subscribers()) {
        if (s == null) continue;
        sinks.add(s.sink());
        sinks.add(s.deadLetterSink());
      }
    }
    return sinks;
  }
}
