package io.ofnevents.runtime.console;

import io.ofnevents.model.Problem;
import io.ofnevents.model.Resource;
import java.util.List;

/**
 * One resource the console shows: the model as loaded (secrets are references in it), where it was
 * written, its validation warnings, and its generated routes (null for kinds without routes).
 */
public record ConsoleResource(
    Resource resource, String file, int line, List<Problem> problems, String routesYaml) {
  public ConsoleResource {
    problems = List.copyOf(problems);
  }
}
