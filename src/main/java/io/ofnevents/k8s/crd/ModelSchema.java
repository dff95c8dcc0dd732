package io.ofnevents.k8s.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrArrayBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrBoolBuilder;
import io.ofnevents.model.Doc;
import io.ofnevents.model.OneOf;
import io.ofnevents.model.Required;
import io.ofnevents.model.SecretValue;
import io.ofnevents.model.Unused;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives the structural OpenAPI v3 schema of a CRD from the model records, so that the CRDs cannot
 * drift from what the loader accepts. Pure reflection over record components.
 */
final class ModelSchema {
  static final String SECRET_DOC =
      "A secret: a string (${env:VAR}, ${file:/path}, or a literal where upstream allowed one) or"
          + " {secretKeyRef: {name, key}}.";

  private ModelSchema() {}

  /** The schema of a model type; `doc` becomes its description. */
  static JSONSchemaProps of(Type type, String doc) {
    return of(type, doc, new HashSet<>());
  }

  /**
   * `open` holds the records being described: a structural schema cannot be recursive, so a record
   * met again inside itself (a Knative filter's `all`, `any`, `not`) is an object kept as written
   * and checked by the strict loader, as Knative's own CRDs do.
   */
  private static JSONSchemaProps of(Type type, String doc, Set<Class<?>> open) {
    JSONSchemaPropsBuilder b = new JSONSchemaPropsBuilder().withDescription(doc);
    Class<?> raw = raw(type);
    if (raw == String.class) return b.withType("string").build();
    if (raw == Boolean.class) return b.withType("boolean").build();
    if (raw == Integer.class) return b.withType("integer").withFormat("int32").build();
    if (raw == Long.class) return b.withType("integer").withFormat("int64").build();
    if (raw == Object.class) return b.withXKubernetesPreserveUnknownFields(true).build();
    if (raw == SecretValue.class) {
      // A string or an object: structural schemas cannot say "either", so the API server keeps
      // it as written and the operator's strict loader checks its shape.
      return b.withDescription(doc == null ? SECRET_DOC : doc + " " + SECRET_DOC)
          .withXKubernetesPreserveUnknownFields(true)
          .build();
    }
    if (raw == Map.class) {
      Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
      return b.withType("object")
          .withAdditionalProperties(
              new JSONSchemaPropsOrBoolBuilder().withSchema(of(value, null, open)).build())
          .build();
    }
    if (raw == List.class) {
      Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
      return b.withType("array")
          .withItems(new JSONSchemaPropsOrArrayBuilder().withSchema(of(item, null, open)).build())
          .build();
    }
    if (raw.isRecord()) {
      if (!open.add(raw)) {
        return b.withType("object").withXKubernetesPreserveUnknownFields(true).build();
      }
      JSONSchemaProps schema = record(raw, b, open);
      open.remove(raw);
      return schema;
    }
    throw new IllegalArgumentException("no schema for model type " + type);
  }

  private static JSONSchemaProps record(
      Class<?> type, JSONSchemaPropsBuilder b, Set<Class<?>> open) {
    Map<String, JSONSchemaProps> properties = new TreeMap<>();
    List<String> required = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      properties.put(c.getName(), component(c, open));
      if (c.isAnnotationPresent(Required.class)) required.add(c.getName());
    }
    b.withType("object").withProperties(properties);
    if (!required.isEmpty()) b.withRequired(required.stream().sorted().toList());
    return b.build();
  }

  /** One field: its type's schema plus the annotations written on the component. */
  static JSONSchemaProps component(RecordComponent c) {
    return component(c, new HashSet<>());
  }

  private static JSONSchemaProps component(RecordComponent c, Set<Class<?>> open) {
    JSONSchemaProps schema = of(c.getGenericType(), doc(c), open);
    OneOf oneOf = c.getAnnotation(OneOf.class);
    if (oneOf != null) {
      schema.setEnum(Arrays.stream(oneOf.value()).<JsonNode>map(TextNode::new).toList());
    }
    return schema;
  }

  private static String doc(RecordComponent c) {
    Doc doc = c.getAnnotation(Doc.class);
    Unused unused = c.getAnnotation(Unused.class);
    if (unused != null) {
      String note = "Accepted for compatibility, no effect: " + unused.value() + ".";
      return doc == null ? note : doc.value() + " " + note;
    }
    return doc == null ? null : doc.value();
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) return c;
    if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    throw new IllegalArgumentException("unsupported type " + type);
  }
}
