package io.ofnevents.compile;

import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.Problem;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.SecretValue;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.address.Destinations;
import io.ofnevents.model.address.Target;
import io.ofnevents.model.load.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** State of one compile run: inputs, options, secrets met and problems found. */
public final class Compilation {
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

  public ResourceSet resources() {
    return resources;
  }

  public EventBusSpec bus(String namespace, String name) {
    return resources
        .busSpec(namespace, name)
        .orElseThrow(
            () -> new IllegalStateException("unresolved bus " + name + " (validate first)"));
  }

  /**
   * Where a sink goes: its URL, or a Broker of the input (its events go onto the Broker's subject);
   * an unresolvable one is a problem (validation reports it first in strict runs).
   */
  Target target(SinkSpec sink, ResourceId owner, String path) {
    Target t = Destinations.resolve(sink, owner.namespace(), resources, options.addressing());
    if (t instanceof Target.Unresolved u) error(owner, path + ".ref", u.message());
    return t;
  }

  public String secret(SecretValue value, ResourceId owner, String path) {
    return secrets.placeholder(value, owner, path);
  }

  public void error(ResourceId owner, String path, String message) {
    SourceMap where = sources.getOrDefault(owner, SourceMap.unknown(null));
    problems.add(Problem.error(where.file(), where.lineOf(path), owner, path, message));
  }

  public CompileOptions options() {
    return options;
  }

  List<Problem> problems() {
    return problems;
  }

  Map<String, String> secretLiterals() {
    return secrets.literals();
  }
}
