package io.ofnevents.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Validates manifests against the `openAPIV3Schema` of CRDs, as `kubectl apply` with strict field
 * validation would: the schema is turned into JSON Schema and every object that lists its
 * properties (and does not preserve unknown fields) rejects fields it does not list.
 */
public final class StructuralSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, JsonSchema> byKind = new HashMap<>();

  /** Adds every CRD found in the YAML text (several documents allowed). */
  public StructuralSchemas addCrds(String yaml) {
    for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
      JsonNode crd = JSON.valueToTree(doc);
      if (crd == null || !"CustomResourceDefinition".equals(crd.path("kind").asText())) continue;
      String group = crd.at("/spec/group").asText();
      String kind = crd.at("/spec/names/kind").asText();
      for (JsonNode version : crd.at("/spec/versions")) {
        JsonNode schema = strict(version.at("/schema/openAPIV3Schema").deepCopy());
        byKind.put(
            group + "/" + version.path("name").asText() + "/" + kind,
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema));
      }
    }
    return this;
  }

  /** Every error of one manifest; fails if no CRD describes its apiVersion and kind. */
  public List<String> validate(Object manifest) {
    JsonNode doc = JSON.valueToTree(manifest);
    String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    JsonSchema schema = byKind.get(key);
    if (schema == null) throw new IllegalArgumentException("no CRD for " + key);
    List<String> errors = new ArrayList<>();
    for (ValidationMessage m : schema.validate(doc)) errors.add(m.getMessage());
    return errors;
  }

  /** Each YAML document of a text, as plain maps and lists. */
  public static List<Object> documents(String yaml) {
    List<Object> docs = new ArrayList<>();
    for (Object d : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
      if (d != null) docs.add(d);
    }
    return docs;
  }

  private static JsonNode strict(JsonNode schema) {
    if (!(schema instanceof ObjectNode o)) return schema;
    boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (o.has("properties") && !o.has("additionalProperties") && !preserve) {
      o.put("additionalProperties", false);
    }
    // Kubernetes extensions have done their part above; JSON Schema does not know them. Only
    // x-kubernetes-*: a property may itself be named x-something (a Kamelet's x-descriptors).
    o.remove(
        java.util.stream.StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(o.fieldNames(), 0), false)
            .filter(n -> n.startsWith("x-kubernetes-"))
            .toList());
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      strict(it.next().getValue());
    }
    if (o.has("properties"))
      o.get("properties").fields().forEachRemaining(e -> strict(e.getValue()));
    return o;
  }
}
