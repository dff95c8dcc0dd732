package io.ofnevents.k8s.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrArrayBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status the operator writes on EventSources and Triggers: standard, bounded conditions (one
 * per type, a map keyed by `type`) and the generation they describe. Not part of the model, which
 * ignores status on input.
 */
final class StatusSchema {
  private StatusSchema() {}

  static JSONSchemaProps status() {
    Map<String, JSONSchemaProps> p = new TreeMap<>();
    p.put("observedGeneration", int64("The metadata.generation the status describes."));
    p.put(
        "eventBus",
        string("The bus in use: EventBus/NAME (this namespace) or ClusterEventBus/NAME."));
    p.put(
        "conditions",
        new JSONSchemaPropsBuilder()
            .withType("array")
            .withDescription("Standard conditions, at most one per type; Ready tells the outcome.")
            .withXKubernetesListType("map")
            .withXKubernetesListMapKeys("type")
            .withItems(new JSONSchemaPropsOrArrayBuilder().withSchema(condition()).build())
            .build());
    return new JSONSchemaPropsBuilder()
        .withType("object")
        .withDescription("Written by the ofn-events operator.")
        .withProperties(p)
        .build();
  }

  private static JSONSchemaProps condition() {
    Map<String, JSONSchemaProps> p = new TreeMap<>();
    p.put("type", string("Condition type, e.g. Ready."));
    JSONSchemaProps status = string("True, False or Unknown.");
    status.setEnum(
        List.<JsonNode>of(new TextNode("True"), new TextNode("False"), new TextNode("Unknown")));
    p.put("status", status);
    p.put("reason", string("CamelCase reason, e.g. EventSourceIsReady or ErrorConfiguration."));
    p.put("message", string("Human-readable details."));
    p.put("observedGeneration", int64("The metadata.generation this condition describes."));
    JSONSchemaProps time = string("When status last changed.");
    time.setFormat("date-time");
    p.put("lastTransitionTime", time);
    return new JSONSchemaPropsBuilder()
        .withType("object")
        .withProperties(p)
        .withRequired("status", "type")
        .build();
  }

  private static JSONSchemaProps string(String doc) {
    return new JSONSchemaPropsBuilder().withType("string").withDescription(doc).build();
  }

  private static JSONSchemaProps int64(String doc) {
    return new JSONSchemaPropsBuilder()
        .withType("integer")
        .withFormat("int64")
        .withDescription(doc)
        .build();
  }
}
