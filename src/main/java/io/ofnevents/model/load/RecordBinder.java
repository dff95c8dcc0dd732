package io.ofnevents.model.load;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Required;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.SecretValue;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Binds a YAML node tree onto the model records strictly, the way an API server with a structural
 * schema would: unknown fields, wrong types, duplicate keys and missing required fields are all
 * reported (each with its line and field path) instead of stopping at the first.
 */
final class RecordBinder {
  /** Read by the loader itself before binding; not record components. */
  private static final Set<String> ROOT_KEYS = Set.of("apiVersion", "kind");

  private final String file;
  private final ResourceId resource;
  private final List<Problem> problems;
  private final Map<String, Integer> lines = new LinkedHashMap<>();

  RecordBinder(String file, ResourceId resource, List<Problem> problems) {
    this.file = file;
    this.resource = resource;
    this.problems = problems;
  }

  Map<String, Integer> lines() {
    return lines;
  }

  /** Binds `node` as `type`; returns null (after reporting) when it cannot. */
  Object bind(Node node, Type type, String path) {
    if (node == null || isNull(node)) {
      return isEmptyRecord(type) ? newRecord((Class<?>) type, new Object[0], path) : null;
    }
    Class<?> raw = rawClass(type);
    if (raw == String.class) return scalar(node, path, "a string", Tag.STR);
    if (raw == Boolean.class) return toBoolean(node, path);
    if (raw == Integer.class || raw == Long.class) return toInteger(node, path, raw);
    if (raw == SecretValue.class) return toSecret(node, path);
    if (raw == Object.class) return toPlain(node);
    if (raw == Map.class)
      return toMap(node, ((ParameterizedType) type).getActualTypeArguments()[1], path);
    if (raw == List.class)
      return toList(node, ((ParameterizedType) type).getActualTypeArguments()[0], path);
    if (raw.isRecord()) return toRecord(node, raw, path);
    throw new IllegalStateException("model type not bindable: " + type);
  }

  void error(Node at, String path, String message) {
    problems.add(Problem.error(file, lineOf(at), resource, path, message));
  }

  static int lineOf(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  private Object toRecord(Node node, Class<?> type, String path) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, path, "expected an object, got " + describe(node));
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < components.length; i++) index.put(components[i].getName(), i);
    Object[] args = new Object[components.length];
    boolean[] present = new boolean[components.length];
    Set<String> seen = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = keyOf(tuple, path);
      if (key == null) continue;
      String childPath = FieldPath.join(path, key);
      lines.put(childPath, lineOf(tuple.getKeyNode()));
      if (!seen.add(key)) {
        error(tuple.getKeyNode(), childPath, "duplicate field \"" + key + "\"");
        continue;
      }
      Integer i = index.get(key);
      if (i == null && path.isEmpty() && ROOT_KEYS.contains(key)) continue;
      if (i == null) {
        error(tuple.getKeyNode(), childPath, unknownField(key, index.keySet()));
        continue;
      }
      present[i] = !isNull(tuple.getValueNode()) || isEmptyRecord(components[i].getGenericType());
      args[i] = bind(tuple.getValueNode(), components[i].getGenericType(), childPath);
    }
    for (int i = 0; i < components.length; i++) {
      if (!present[i] && components[i].isAnnotationPresent(Required.class)) {
        String missing = FieldPath.join(path, components[i].getName());
        // Reported on the line of the object's own key (`spec:`), where the field belongs.
        int line = path.isEmpty() ? lineOf(node) : lines.getOrDefault(path, lineOf(node));
        problems.add(Problem.error(file, line, resource, missing, "required field is missing"));
      }
    }
    return newRecord(type, args, path);
  }

  private Object newRecord(Class<?> type, Object[] args, String path) {
    try {
      Class<?>[] types =
          Arrays.stream(type.getRecordComponents())
              .map(RecordComponent::getType)
              .toArray(Class[]::new);
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      problems.add(Problem.error(file, 0, resource, path, e.getCause().getMessage()));
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type, e);
    }
  }

  private Map<String, Object> toMap(Node node, Type valueType, String path) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, path, "expected an object, got " + describe(node));
      return null;
    }
    // Sorted so that everything generated from a map is stable whatever the input order.
    Map<String, Object> result = new TreeMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = keyOf(tuple, path);
      if (key == null) continue;
      String childPath = FieldPath.join(path, key);
      lines.put(childPath, lineOf(tuple.getKeyNode()));
      if (result.containsKey(key)) {
        error(tuple.getKeyNode(), childPath, "duplicate key \"" + key + "\"");
        continue;
      }
      Object value = bind(tuple.getValueNode(), valueType, childPath);
      if (value == null
          && valueType instanceof Class<?> c
          && c.isRecord()
          && isNull(tuple.getValueNode())) {
        error(tuple.getValueNode(), childPath, "expected an object, got null");
      }
      result.put(key, value);
    }
    return result;
  }

  private List<Object> toList(Node node, Type elementType, String path) {
    if (!(node instanceof SequenceNode seq)) {
      error(node, path, "expected a list, got " + describe(node));
      return null;
    }
    List<Object> result = new ArrayList<>();
    List<Node> items = seq.getValue();
    for (int i = 0; i < items.size(); i++) {
      String childPath = FieldPath.index(path, i);
      lines.put(childPath, lineOf(items.get(i)));
      result.add(bind(items.get(i), elementType, childPath));
    }
    return result;
  }

  private String scalar(Node node, String path, String expected, Tag tag) {
    if (node instanceof ScalarNode s && tag.equals(s.getTag())) return s.getValue();
    String hint =
        node instanceof ScalarNode s && tag.equals(Tag.STR)
            ? " (quote it: \"" + s.getValue() + "\")"
            : "";
    error(node, path, "expected " + expected + ", got " + describe(node) + hint);
    return null;
  }

  private Boolean toBoolean(Node node, String path) {
    String value = scalar(node, path, "true or false", Tag.BOOL);
    return value == null ? null : Boolean.valueOf(value.toLowerCase());
  }

  private Object toInteger(Node node, String path, Class<?> raw) {
    String value = scalar(node, path, "an integer", Tag.INT);
    if (value == null) return null;
    try {
      long parsed = Long.decode(value.replace("_", ""));
      if (raw == Integer.class) {
        if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
          error(node, path, value + " is out of range for a 32-bit integer");
          return null;
        }
        return (int) parsed;
      }
      return parsed;
    } catch (NumberFormatException e) {
      error(node, path, value + " is not a valid integer");
      return null;
    }
  }

  private SecretValue toSecret(Node node, String path) {
    if (node instanceof MappingNode) {
      record Ref(@Required io.ofnevents.model.SecretKeySelector secretKeyRef) {}
      Ref ref = (Ref) toRecord(node, Ref.class, path);
      return ref == null ? null : new SecretValue(null, null, null, ref.secretKeyRef());
    }
    String value = scalar(node, path, "a string or {secretKeyRef: {name, key}}", Tag.STR);
    return value == null ? null : SecretReferences.parse(value);
  }

  private static Object toPlain(Node node) {
    if (node instanceof MappingNode m) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        map.put(String.valueOf(toPlain(t.getKeyNode())), toPlain(t.getValueNode()));
      }
      return map;
    }
    if (node instanceof SequenceNode s)
      return s.getValue().stream().map(RecordBinder::toPlain).toList();
    ScalarNode s = (ScalarNode) node;
    if (Tag.NULL.equals(s.getTag())) return null;
    if (Tag.BOOL.equals(s.getTag())) return Boolean.valueOf(s.getValue().toLowerCase());
    if (Tag.INT.equals(s.getTag())) {
      try {
        return Long.decode(s.getValue());
      } catch (NumberFormatException e) {
        return s.getValue();
      }
    }
    return s.getValue();
  }

  private String keyOf(NodeTuple tuple, String path) {
    Node key = tuple.getKeyNode();
    if (key instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) return s.getValue();
    error(key, path, "field names must be strings, got " + describe(key));
    return null;
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) return "an object";
    if (node instanceof SequenceNode) return "a list";
    ScalarNode s = (ScalarNode) node;
    Tag tag = s.getTag();
    if (Tag.NULL.equals(tag)) return "null";
    if (Tag.BOOL.equals(tag)) return "boolean " + s.getValue();
    if (Tag.INT.equals(tag)) return "integer " + s.getValue();
    if (Tag.FLOAT.equals(tag)) return "number " + s.getValue();
    return "string \"" + abbreviate(s.getValue()) + "\"";
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  static String unknownField(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = Levenshtein.distance(key.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    String message = "unknown field \"" + key + "\"";
    if (best != null && bestDistance <= Math.max(2, key.length() / 4)) {
      return message + " (did you mean \"" + best + "\"?)";
    }
    return message + " (known fields: " + String.join(", ", known) + ")";
  }

  private static boolean isEmptyRecord(Type type) {
    return type instanceof Class<?> c && c.isRecord() && c.getRecordComponents().length == 0;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) return c;
    if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    throw new IllegalStateException("unsupported type " + type);
  }
}
