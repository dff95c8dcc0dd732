package io.ofnevents.model.validate;

import io.ofnevents.model.Problem;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.load.SourceMap;
import java.util.List;

/** Collects the problems of one resource, placing each on the line of its field path. */
final class Reporter {
  private final ResourceId resource;
  private final SourceMap where;
  private final List<Problem> out;

  Reporter(ResourceId resource, SourceMap where, List<Problem> out) {
    this.resource = resource;
    this.where = where;
    this.out = out;
  }

  void error(String path, String message) {
    out.add(Problem.error(where.file(), where.lineOf(path), resource, path, message));
  }

  void warning(String path, String message) {
    out.add(Problem.warning(where.file(), where.lineOf(path), resource, path, message));
  }

  /** Whether the user wrote `path` (even if it did not bind, e.g. a wrong type). */
  boolean written(String path) {
    return where.lines().containsKey(path);
  }

  SourceMap where() {
    return where;
  }

  ResourceId resource() {
    return resource;
  }
}
