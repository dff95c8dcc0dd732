package io.ofnevents.bench;

import java.util.List;

/**
 * One row of the report: medians and min–max over the rounds of a path. Throughput and CPU come
 * from the saturated and the drain rounds, latency from the paced ones.
 */
record PathSummary(
    String label,
    Spread eventsPerSecond,
    Spread drainEventsPerSecond,
    Spread p50Ms,
    Spread p99Ms,
    Spread maxMs,
    Spread pathCpuMicrosPerEvent,
    Spread drainPathCpuMicrosPerEvent,
    Spread cpuMicrosPerEvent,
    Spread natsCpuSeconds,
    double rssMb,
    int duplicates,
    int drainEvents) {

  static PathSummary of(
      String label,
      List<RoundResult> saturated,
      List<RoundResult> paced,
      List<RoundResult> drains,
      double rssMb,
      int drainEvents) {
    int duplicates = 0;
    for (List<RoundResult> l : List.of(saturated, paced, drains)) {
      duplicates += l.stream().mapToInt(RoundResult::duplicates).sum();
    }
    return new PathSummary(
        label,
        Spread.of(saturated, RoundResult::eventsPerSecond),
        Spread.of(drains, RoundResult::eventsPerSecond),
        Spread.of(paced, RoundResult::p50Ms),
        Spread.of(paced, RoundResult::p99Ms),
        Spread.of(paced, RoundResult::maxMs),
        Spread.of(saturated, r -> r.pathCpuSeconds() * 1e6 / r.events()),
        Spread.of(drains, r -> r.pathCpuSeconds() * 1e6 / r.events()),
        Spread.of(saturated, r -> r.cpuSeconds() * 1e6 / r.events()),
        Spread.of(saturated, RoundResult::natsCpuSeconds),
        rssMb,
        duplicates,
        drainEvents);
  }
}
