package io.ofnevents.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of a fault test, counted per event id as Knative's prober does: every id sent must
 * arrive at least once (missing = failure); extra arrivals are duplicates, reported, not failed.
 * Prints one line, {@code FAULT <name> sent=N delivered=N missing=M duplicates=D}, that the docs
 * quote.
 */
public record FaultReport(
    String name,
    int sent,
    int delivered,
    List<String> missing,
    int duplicates,
    Set<String> unknown) {

  /** Compares the ids sent with every delivery (one entry per request received, in order). */
  public static FaultReport of(String name, Collection<String> sent, List<String> deliveries) {
    Set<String> expected = new LinkedHashSet<>(sent);
    Map<String, Integer> arrivals = new HashMap<>();
    deliveries.forEach(id -> arrivals.merge(id, 1, Integer::sum));
    List<String> missing = expected.stream().filter(id -> !arrivals.containsKey(id)).toList();
    Set<String> unknown = new LinkedHashSet<>(arrivals.keySet());
    unknown.removeAll(expected);
    int delivered = expected.size() - missing.size();
    int duplicates =
        expected.stream().mapToInt(id -> Math.max(0, arrivals.getOrDefault(id, 0) - 1)).sum();
    return new FaultReport(name, expected.size(), delivered, missing, duplicates, unknown);
  }

  public String line() {
    return "FAULT %s sent=%d delivered=%d missing=%d duplicates=%d"
        .formatted(name, sent, delivered, missing.size(), duplicates);
  }

  /** Prints {@link #line()} and fails when an event is missing or one that was never sent came. */
  public FaultReport check() {
    System.out.println(line());
    assertThat(missing).as("events sent but never delivered (%s)", name).isEmpty();
    assertThat(unknown).as("events delivered but never sent (%s)", name).isEmpty();
    return this;
  }
}
