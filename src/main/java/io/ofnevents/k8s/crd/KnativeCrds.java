package io.ofnevents.k8s.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.ofnevents.model.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CRDs of the Knative kinds, for clusters without Knative Eventing: Knative's names, scope,
 * versions (the ones current Knative serves), categories, duck-type labels and printer columns,
 * with the spec schema derived from our model. They carry `app.kubernetes.io/part-of: ofn-events`
 * so that nobody mistakes them for Knative's own.
 */
final class KnativeCrds {
  private static final String READY = ".status.conditions[?(@.type==\"Ready\")]";

  private KnativeCrds() {}

  static CustomResourceDefinition crd(Kind kind, Class<?> type) {
    List<CustomResourceDefinitionVersion> versions = new ArrayList<>();
    versions.add(version(kind, type, kind.api().version(), true));
    // Knative serves PingSource as v1beta2 too (same schema); the legacy versions the seeds use
    // are only converted by the file loader.
    if (kind == Kind.KN_PING_SOURCE) versions.add(version(kind, type, "v1beta2", false));
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/part-of", "ofn-events");
    labels.put("knative.dev/crd-install", "true");
    if (kind == Kind.KN_BROKER || kind == Kind.KN_SEQUENCE || kind == Kind.KN_PARALLEL) {
      labels.put("duck.knative.dev/addressable", "true");
    }
    if (kind == Kind.KN_PING_SOURCE || kind == Kind.KN_API_SERVER_SOURCE) {
      labels.put("duck.knative.dev/source", "true");
      labels.put("eventing.knative.dev/source", "true");
    }
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(kind.plural() + "." + kind.group())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withGroup(kind.group())
        .withScope("Namespaced")
        .withNewNames()
        .withKind(kind.kindName())
        .withListKind(kind.kindName() + "List")
        .withPlural(kind.plural())
        .withSingular(kind.kindName().toLowerCase(Locale.ROOT))
        .withCategories("all", "knative", category(kind))
        .endNames()
        .withVersions(versions)
        .endSpec()
        .build();
  }

  private static CustomResourceDefinitionVersion version(
      Kind kind, Class<?> type, String name, boolean storage) {
    Map<String, JSONSchemaProps> p = new LinkedHashMap<>();
    p.put("apiVersion", new JSONSchemaPropsBuilder().withType("string").build());
    p.put("kind", new JSONSchemaPropsBuilder().withType("string").build());
    p.put("metadata", new JSONSchemaPropsBuilder().withType("object").build());
    p.put("spec", ModelSchema.component(Crds.component(type, "spec")));
    // Written by whoever reconciles the kind (address, conditions, resolved URIs), as Knative does.
    p.put(
        "status",
        new JSONSchemaPropsBuilder()
            .withType("object")
            .withDescription("Written by the controller (address, conditions, resolved URIs).")
            .withXKubernetesPreserveUnknownFields(true)
            .build());
    JSONSchemaPropsBuilder root =
        new JSONSchemaPropsBuilder()
            .withType("object")
            .withDescription(description(kind))
            .withProperties(p);
    if (kind != Kind.KN_BROKER) root.withRequired("spec");
    return new CustomResourceDefinitionVersionBuilder()
        .withName(name)
        .withServed(true)
        .withStorage(storage)
        .withNewSchema()
        .withOpenAPIV3Schema(root.build())
        .endSchema()
        .withAdditionalPrinterColumns(columns(kind))
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .build();
  }

  private static String category(Kind kind) {
    return switch (kind.api()) {
      case KNATIVE_SOURCES -> "sources";
      case KNATIVE_FLOWS -> "flows";
      default -> "eventing";
    };
  }

  private static String description(Kind kind) {
    return switch (kind) {
      case KN_BROKER -> "A Knative Broker, served by ofn-events as a subject on an event bus.";
      case KN_TRIGGER ->
          "A Knative Trigger: a durable consumer of a Broker that sends matching events to a"
              + " subscriber.";
      case KN_PING_SOURCE -> "A Knative PingSource: an event on a cron schedule.";
      case KN_SEQUENCE ->
          "A Knative Sequence: steps called in turn, each step's reply the next one's input, joined"
              + " by durable subjects on an event bus.";
      case KN_PARALLEL ->
          "A Knative Parallel: branches that each get every event, a filter deciding whether its"
              + " subscriber sees it, joined by durable subjects on an event bus.";
      case KN_API_SERVER_SOURCE ->
          "A Knative ApiServerSource: each change of the Kubernetes objects it watches, as an"
              + " event.";
      default -> throw new IllegalArgumentException(kind + " is not a Knative kind");
    };
  }

  private static List<CustomResourceColumnDefinition> columns(Kind kind) {
    List<CustomResourceColumnDefinition> c = new ArrayList<>();
    switch (kind) {
      case KN_BROKER, KN_SEQUENCE, KN_PARALLEL -> c.add(column("URL", ".status.address.url"));
      case KN_TRIGGER -> {
        c.add(column("Broker", ".spec.broker"));
        c.add(column("Subscriber_URI", ".status.subscriberUri"));
      }
      case KN_PING_SOURCE -> {
        c.add(column("Sink", ".status.sinkUri"));
        c.add(column("Schedule", ".spec.schedule"));
      }
      case KN_API_SERVER_SOURCE -> c.add(column("Sink", ".status.sinkUri"));
      default -> throw new IllegalArgumentException(kind + " is not a Knative kind");
    }
    c.add(Crds.age());
    c.add(column("Ready", READY + ".status"));
    c.add(column("Reason", READY + ".reason"));
    return c;
  }

  private static CustomResourceColumnDefinition column(String name, String path) {
    return Crds.column(name, path);
  }
}
