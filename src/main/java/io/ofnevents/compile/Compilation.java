package io.ofnevents.compile;

import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Reference;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.SecretValue;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.load.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** State of one compile run: inputs, options, secrets met and problems found. */
final class Compilation {
  private final ResourceSet resources;
  private final Map<ResourceId, SourceMap> sources;
  private final CompileOptions options;
  private final SecretParams secrets = new SecretParams();
  private final List<Problem> problems = new ArrayList<>();

  Compilation(ResourceSet resources, Map<ResourceId, SourceMap> sources, CompileOptions options) {
    this.resources = resources;
    this.sources = sources;
    this.options = options;
  }

  ResourceSet resources() {
    return resources;
  }

  EventBusSpec bus(String namespace, String name) {
    return resources
        .busSpec(namespace, name)
        .orElseThrow(
            () -> new IllegalStateException("unresolved bus " + name + " (validate first)"));
  }

  /** The URL of a sink: its uri, else its ref as resolved by the options, else a problem. */
  String sinkUrl(SinkSpec sink, ResourceId owner, String path) {
    if (sink.uri() != null) return sink.uri();
    Reference key = CompileOptions.key(sink.ref(), owner.namespace());
    String url = options.resolvedRefs().get(key);
    if (url == null) {
      error(
          owner,
          path + ".ref",
          "cannot resolve "
              + key.kind()
              + " "
              + key.namespace()
              + "/"
              + key.name()
              + " without a cluster: set "
              + path
              + ".uri to run standalone, or deploy with the operator");
      return "http://unresolved.invalid/";
    }
    return url;
  }

  String secret(SecretValue value, ResourceId owner, String path) {
    return secrets.placeholder(value, owner, path);
  }

  void error(ResourceId owner, String path, String message) {
    SourceMap where = sources.getOrDefault(owner, SourceMap.unknown(null));
    problems.add(Problem.error(where.file(), where.lineOf(path), owner, path, message));
  }

  CompileOptions options() {
    return options;
  }

  List<Problem> problems() {
    return problems;
  }

  Map<String, String> secretLiterals() {
    return secrets.literals();
  }
}
