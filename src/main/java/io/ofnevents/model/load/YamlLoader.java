package io.ofnevents.model.load;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
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
 * Loads resources of every API we serve (events.openfunction.io and the Knative groups) from YAML
 * text, dispatching on API group and kind together: several documents per file and `kind: List` are
 * accepted; every problem is reported with the file and line. Pure: the caller reads the file.
 */
public final class YamlLoader {
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
    String apiVersion = scalar(mapping, "apiVersion").orElse(null);
    Optional<ApiKinds.Binding> binding =
        dispatch(file, mapping, line, kindName, apiVersion, defaultNamespace, problems);
    if (binding.isEmpty()) return;
    Kind kind = binding.get().kind();
    ResourceId id = identify(mapping, kind, defaultNamespace);
    RecordBinder binder = new RecordBinder(file, id, problems);
    Object bound = binder.bind(mapping, binding.get().type(), "");
    if (bound != null && binding.get().legacy()) {
      bound =
          binding
              .get()
              .conversion()
              .convert(bound, context(file, line, id, apiVersion, kind, binder, problems));
    }
    Resource resource = (Resource) bound;
    if (resource == null || resource.metadata() == null || resource.name() == null) return;
    if (!kind.namespaced() && resource.namespace() != null) {
      problems.add(
          Problem.warning(
              file,
              binder.lines().getOrDefault("metadata.namespace", line),
              id,
              "metadata.namespace",
              "ignored: " + kindName + " is cluster-scoped"));
    }
    Resource withNs =
        kind.namespaced() ? resource.withDefaultNamespace(defaultNamespace) : resource;
    out.add(new Loaded(withNs, new SourceMap(file, line, Map.copyOf(binder.lines()))));
  }

  /**
   * The kind and version a document is read as, from its API group and kind together (a Knative and
   * an OpenFunction Trigger share the kind name). Reports an unknown kind or apiVersion; a known
   * kind with a wrong apiVersion is still read as its current version, so that its other problems
   * are reported too. Kubernetes objects that are not event plumbing are skipped with a warning.
   */
  private static Optional<ApiKinds.Binding> dispatch(
      String file,
      MappingNode mapping,
      int line,
      String kindName,
      String apiVersion,
      String defaultNamespace,
      List<Problem> problems) {
    String group =
        apiVersion == null
            ? null
            : apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion == null ? null : apiVersion.substring(apiVersion.indexOf('/') + 1);
    Optional<Kind> kind =
        group == null ? Optional.empty() : Kind.of(ApiKinds.currentGroup(group), kindName);
    if (kind.isPresent()) {
      Optional<ApiKinds.Binding> b = ApiKinds.binding(kind.get(), group, version);
      if (b.isPresent()) return b;
      apiVersionError(
          file,
          mapping,
          line,
          kind.get(),
          ApiKinds.versionsOf(kind.get()),
          apiVersion,
          defaultNamespace,
          problems);
      return Optional.of(ApiKinds.current(kind.get()));
    }
    List<Kind> named = ApiKinds.named(kindName);
    if (group != null && named.isEmpty() && ApiKinds.FOREIGN_GROUPS.contains(group)) {
      problems.add(
          Problem.warning(
              file,
              lineOfKey(mapping, "kind", line),
              null,
              "kind",
              "ignored: "
                  + apiVersion
                  + " "
                  + kindName
                  + " is not run by ofn-events (apply it with kubectl)"));
      return Optional.empty();
    }
    if (named.isEmpty()) {
      problems.add(
          Problem.error(
              file,
              lineOfKey(mapping, "kind", line),
              null,
              "kind",
              "unknown kind \"" + kindName + "\" (expected " + ApiKinds.expectedKinds() + ")"));
      return Optional.empty();
    }
    // Without an apiVersion (accepted, as before) or with a wrong one: the OpenFunction kind of
    // that name first, so that existing files keep their meaning.
    Kind chosen = named.get(0);
    if (apiVersion != null) {
      String expected =
          String.join(
              " or ",
              named.stream().map(k -> k.group() + "/" + ApiKinds.current(k).version()).toList());
      apiVersionError(
          file, mapping, line, chosen, expected, apiVersion, defaultNamespace, problems);
    }
    return Optional.of(ApiKinds.current(chosen));
  }

  private static void apiVersionError(
      String file,
      MappingNode mapping,
      int line,
      Kind kind,
      String expected,
      String apiVersion,
      String defaultNamespace,
      List<Problem> problems) {
    problems.add(
        Problem.error(
            file,
            lineOfKey(mapping, "apiVersion", line),
            identify(mapping, kind, defaultNamespace),
            "apiVersion",
            "expected " + expected + ", got \"" + apiVersion + "\""));
  }

  private static LegacyVersions.Context context(
      String file,
      int line,
      ResourceId id,
      String written,
      Kind kind,
      RecordBinder binder,
      List<Problem> problems) {
    return new LegacyVersions.Context() {
      @Override
      public String written() {
        return written;
      }

      @Override
      public String current() {
        return kind.api().apiVersion();
      }

      @Override
      public Map<String, Integer> lines() {
        return binder.lines();
      }

      @Override
      public void warn(String path, String message) {
        problems.add(
            Problem.warning(file, binder.lines().getOrDefault(path, line), id, path, message));
      }

      @Override
      public void error(String path, String message) {
        problems.add(
            Problem.error(file, binder.lines().getOrDefault(path, line), id, path, message));
      }
    };
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
