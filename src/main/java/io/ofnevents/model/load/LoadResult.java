package io.ofnevents.model.load;

import io.ofnevents.model.Problem;
import java.util.ArrayList;
import java.util.List;

/** Resources loaded from one or more sources, and every problem met on the way. */
public record LoadResult(List<Loaded> resources, List<Problem> problems) {

  public static LoadResult merge(List<LoadResult> parts) {
    List<Loaded> resources = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (LoadResult part : parts) {
      resources.addAll(part.resources());
      problems.addAll(part.problems());
    }
    return new LoadResult(List.copyOf(resources), List.copyOf(problems));
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }
}
