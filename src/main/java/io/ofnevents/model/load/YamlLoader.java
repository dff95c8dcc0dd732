package io.ofnevents.model.load;

import io.ofnevents.model.ClusterEventBus;
import io.ofnevents.model.EventBus;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Loads events.openfunction.io resources from YAML text: several documents per file and `kind:
 * List` are accepted; every problem is reported with the file and line. Pure: the caller reads the
 * file.
 */
public final class YamlLoader {
  private static final Map<Kind, Class<? extends Resource>> TYPES =
      Map.of(
          Kind.EVENT_SOURCE, EventSource.class,
          Kind.EVENT_BUS, EventBus.class,
          Kind.CLUSTER_EVENT_BUS, ClusterEventBus.class,
          Kind.TRIGGER, Trigger.class);

  private YamlLoader() {}

  /**
   * Loads every resource in `text`; `file` is only used in messages, and `defaultNamespace` is
   * given to namespaced resources that have none.
   */
  public static LoadResult load(String file, String text, String defaultNamespace) {
    List<Loaded> resources = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    LoadSettings settings =
        LoadSettings.builder().setLabel(file).setCodePointLimit(16 << 20).build();
    try {
      for (Node root : new Compose(settings).composeAllFromString(text)) {
        loadDocument(file, root, defaultNamespace, resources, problems);
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      problems.add(Problem.error(file, line, null, null, "invalid YAML: " + syntaxMessage(e)));
    } catch (YamlEngineException e) {
      problems.add(Problem.error(file, 0, null, null, "invalid YAML: " + e.getMessage()));
    }
    return new LoadResult(List.copyOf(resources), List.copyOf(problems));
  }

  private static void loadDocument(
      String file, Node root, String defaultNamespace, List<Loaded> out, List<Problem> problems) {
    if (RecordBinder.isNull(root)) return; // an empty document between two `---`
    int line = RecordBinder.lineOf(root);
    if (!(root instanceof MappingNode mapping)) {
      problems.add(
          Problem.error(
              file,
              line,
              null,
              null,
              "expected a resource object, got " + RecordBinder.describe(root)));
      return;
    }
    String kindName = scalar(mapping, "kind").orElse(null);
    if ("List".equals(kindName)) {
      Node items = child(mapping, "items").orElse(null);
      if (items instanceof SequenceNode seq) {
        for (Node item : seq.getValue()) loadDocument(file, item, defaultNamespace, out, problems);
      } else {
        problems.add(Problem.error(file, line, null, "items", "a List needs an items list"));
      }
      return;
    }
    if (kindName == null) {
      problems.add(Problem.error(file, line, null, "kind", "required field is missing"));
      return;
    }
    Optional<Kind> kind = Kind.byName(kindName);
    if (kind.isEmpty()) {
      problems.add(
          Problem.error(
              file,
              lineOfKey(mapping, "kind", line),
              null,
              "kind",
              "unknown kind \""
                  + kindName
                  + "\" (expected EventSource, EventBus, ClusterEventBus or Trigger)"));
      return;
    }
    ResourceId id = identify(mapping, kind.get(), defaultNamespace);
    String apiVersion = scalar(mapping, "apiVersion").orElse(null);
    if (apiVersion != null && !Kind.API_VERSION.equals(apiVersion)) {
      problems.add(
          Problem.error(
              file,
              lineOfKey(mapping, "apiVersion", line),
              id,
              "apiVersion",
              "expected " + Kind.API_VERSION + ", got \"" + apiVersion + "\""));
    }
    RecordBinder binder = new RecordBinder(file, id, problems);
    Resource resource = (Resource) binder.bind(mapping, TYPES.get(kind.get()), "");
    if (resource == null || resource.metadata() == null || resource.name() == null) return;
    if (!kind.get().namespaced() && resource.namespace() != null) {
      problems.add(
          Problem.warning(
              file,
              binder.lines().getOrDefault("metadata.namespace", line),
              id,
              "metadata.namespace",
              "ignored: " + kindName + " is cluster-scoped"));
    }
    Resource withNs =
        kind.get().namespaced() ? resource.withDefaultNamespace(defaultNamespace) : resource;
    out.add(new Loaded(withNs, new SourceMap(file, line, Map.copyOf(binder.lines()))));
  }

  private static ResourceId identify(MappingNode root, Kind kind, String defaultNamespace) {
    Optional<Node> metadata = child(root, "metadata");
    String name = null;
    String namespace = null;
    if (metadata.isPresent() && metadata.get() instanceof MappingNode meta) {
      name = scalar(meta, "name").orElse(null);
      namespace = scalar(meta, "namespace").orElse(defaultNamespace);
    }
    return new ResourceId(
        kind, kind.namespaced() ? namespace : null, name == null ? "<unnamed>" : name);
  }

  private static Optional<Node> child(MappingNode mapping, String key) {
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return Optional.of(t.getValueNode());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> scalar(MappingNode mapping, String key) {
    return child(mapping, key)
        .filter(n -> n instanceof ScalarNode && !RecordBinder.isNull(n))
        .map(n -> ((ScalarNode) n).getValue());
  }

  private static int lineOfKey(MappingNode mapping, String key, int fallback) {
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return RecordBinder.lineOf(k);
      }
    }
    return fallback;
  }

  private static String syntaxMessage(MarkedYamlEngineException e) {
    String context = e.getContext() == null ? "" : e.getContext() + ": ";
    String column = e.getProblemMark().map(m -> " (column " + (m.getColumn() + 1) + ")").orElse("");
    return context + e.getProblem() + column;
  }
}
