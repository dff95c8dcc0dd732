package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.ofnevents.k8s.crd.Crds;
import io.ofnevents.model.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.v1.Integration;
import org.apache.camel.v1.Kamelet;

/**
 * The fabric8 mock API server in CRUD mode with our CRDs registered, plus test shorthands. The
 * OpenFunction CRDs are served from the start; the Knative ones are created through the API (so
 * that discovery and the CRD's labels say whose they are): ours by default.
 */
final class MockCluster implements AutoCloseable {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  final KubernetesMockServer server;
  final KubernetesClient client;

  MockCluster() {
    this(true);
  }

  /** `knativeCrds`: whether ofn-events' Knative CRDs are installed (else none are). */
  MockCluster(boolean knativeCrds) {
    this(knativeCrds, KubernetesCrudDispatcher::new);
  }

  /**
   * As above, served by the CRUD dispatcher `dispatcher` makes of the OpenFunction CRDs (one that
   * also answers what CRUD mode cannot, as {@link AccessReviews}).
   */
  MockCluster(
      boolean knativeCrds,
      Function<List<CustomResourceDefinitionContext>, KubernetesCrudDispatcher> dispatcher) {
    List<CustomResourceDefinitionContext> crds =
        Kind.openFunction().stream()
            .map(k -> CustomResourceDefinitionContext.fromCrd(Crds.crd(k)))
            .toList();
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher.apply(crds), false);
    server.init();
    client = server.createClient();
    if (knativeCrds) installKnativeCrds(true);
  }

  /**
   * Creates the Knative CRDs: ours (`k8s/crds/knative/`), or as Knative Eventing installs them
   * (without our `app.kubernetes.io/part-of` label).
   */
  void installKnativeCrds(boolean ours) {
    for (Kind kind :
        List.of(
            Kind.KN_BROKER,
            Kind.KN_TRIGGER,
            Kind.KN_PING_SOURCE,
            Kind.KN_SEQUENCE,
            Kind.KN_PARALLEL)) {
      var crd = Crds.crd(kind);
      if (!ours) crd.getMetadata().setLabels(Map.of("knative.dev/crd-install", "true"));
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
  }

  /** Creates or replaces the resource written as YAML (one document). */
  GenericKubernetesResource apply(String yaml) {
    GenericKubernetesResource r = SERIALIZATION.unmarshal(yaml, GenericKubernetesResource.class);
    Kind kind = kindOf(r);
    var op = client.genericKubernetesResources(Resources.context(kind));
    var scoped = kind.namespaced() ? op.inNamespace(namespaceOf(r)) : op;
    // As kubectl apply: re-read and try again when the operator wrote the status in between.
    for (int attempt = 1; ; attempt++) {
      GenericKubernetesResource current = scoped.withName(r.getMetadata().getName()).get();
      try {
        if (current == null) return scoped.resource(r).create();
        current.getAdditionalProperties().put("spec", r.getAdditionalProperties().get("spec"));
        if (r.getMetadata().getAnnotations() != null) {
          Map<String, String> annotations = new HashMap<>();
          if (current.getMetadata().getAnnotations() != null) {
            annotations.putAll(current.getMetadata().getAnnotations());
          }
          annotations.putAll(r.getMetadata().getAnnotations());
          current.getMetadata().setAnnotations(annotations);
        }
        return scoped.resource(current).update();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) throw e;
      }
    }
  }

  static Kind kindOf(GenericKubernetesResource r) {
    String apiVersion = r.getApiVersion();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return Kind.of(group, r.getKind()).orElseThrow();
  }

  void delete(Kind kind, String namespace, String name) {
    var op = client.genericKubernetesResources(Resources.context(kind));
    (kind.namespaced() ? op.inNamespace(namespace) : op).withName(name).delete();
  }

  Optional<GenericKubernetesResource> get(Kind kind, String namespace, String name) {
    var op = client.genericKubernetesResources(Resources.context(kind));
    return Optional.ofNullable(
        (kind.namespaced() ? op.inNamespace(namespace) : op).withName(name).get());
  }

  /** The Ready condition of a resource, or an empty map. */
  @SuppressWarnings("unchecked")
  Map<String, Object> ready(Kind kind, String namespace, String name) {
    Map<?, ?> m =
        get(kind, namespace, name)
            .map(StatusWriter::status)
            .map(StatusWriter::readyOf)
            .orElse(null);
    return m == null ? Map.of() : (Map<String, Object>) m;
  }

  /** Waits until each (kind, name) pair in `default` has Ready `status` ("True", "False", ...). */
  void awaitStatus(java.time.Duration wait, String status, Object... kindAndName) {
    org.awaitility.Awaitility.await()
        .atMost(wait)
        .untilAsserted(
            () -> {
              for (int i = 0; i < kindAndName.length; i += 2) {
                Kind kind = (Kind) kindAndName[i];
                String name = (String) kindAndName[i + 1];
                org.assertj.core.api.Assertions.assertThat(ready(kind, "default", name))
                    .as(kind + " default/" + name)
                    .containsEntry("status", status);
              }
            });
  }

  /**
   * Waits until condition `type` of `kind` `default/name` has `status` and, unless null, `reason`;
   * the assertion shows the whole status.
   */
  void awaitCondition(
      java.time.Duration wait, Kind kind, String name, String type, String status, String reason) {
    org.awaitility.Awaitility.await()
        .atMost(wait)
        .untilAsserted(
            () -> {
              var c =
                  org.assertj.core.api.Assertions.assertThat(condition(kind, "default", name, type))
                      .as(kind + " " + name + " " + type + " in " + status(kind, "default", name))
                      .containsEntry("status", status);
              if (reason != null) c.containsEntry("reason", reason);
            });
  }

  /** The status of a resource, empty when it has none. */
  Map<String, Object> status(Kind kind, String namespace, String name) {
    return get(kind, namespace, name).map(StatusWriter::status).orElse(Map.of());
  }

  /** The condition `type` of a resource, or an empty map. */
  @SuppressWarnings("unchecked")
  Map<String, Object> condition(Kind kind, String namespace, String name, String type) {
    Map<?, ?> m = StatusWriter.condition(status(kind, namespace, name), type);
    return m == null ? Map.of() : (Map<String, Object>) m;
  }

  List<?> conditions(Kind kind, String namespace, String name) {
    Object c =
        get(kind, namespace, name).map(StatusWriter::status).orElse(Map.of()).get("conditions");
    return c instanceof List<?> l ? l : List.of();
  }

  Integration integration(String namespace, String name) {
    return client.resources(Integration.class).inNamespace(namespace).withName(name).get();
  }

  List<String> kamelets(String namespace) {
    return client.resources(Kamelet.class).inNamespace(namespace).list().getItems().stream()
        .map(k -> k.getMetadata().getName())
        .sorted()
        .toList();
  }

  private static String namespaceOf(GenericKubernetesResource r) {
    return r.getMetadata().getNamespace() == null ? "default" : r.getMetadata().getNamespace();
  }

  /** Creates the CRD of one Knative kind: ours, or as Knative Eventing installs it. */
  void installCrd(Kind kind, boolean ours) {
    var crd = Crds.crd(kind);
    if (!ours) crd.getMetadata().setLabels(Map.of("knative.dev/crd-install", "true"));
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
