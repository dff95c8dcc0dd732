package io.ofnevents.compile;

import io.ofnevents.model.Problem;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything compiled from a set of resources: route files, the application properties, the
 * problems found on the way (e.g. a sink ref nobody resolved), the values of secrets that were
 * given in clear, which `run` passes to Camel in memory and nothing ever writes to a file, and
 * notes a run logs at start (e.g. the Brokers an implicit in-memory bus serves).
 */
public record Bundle(
    List<RouteFile> routes,
    String applicationProperties,
    List<Problem> problems,
    Map<String, String> secretLiterals,
    List<String> notes) {

  /** A bundle without notes. */
  public Bundle(
      List<RouteFile> routes,
      String applicationProperties,
      List<Problem> problems,
      Map<String, String> secretLiterals) {
    this(routes, applicationProperties, problems, secretLiterals, List.of());
  }

  /** Names of every Kamelet the routes use. */
  public SortedSet<String> kamelets() {
    SortedSet<String> all = new TreeSet<>();
    routes.forEach(r -> all.addAll(r.kamelets()));
    return all;
  }

  /** Never prints secret values. */
  @Override
  public String toString() {
    return "Bundle" + routes.stream().map(RouteFile::fileName).toList();
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }
}
