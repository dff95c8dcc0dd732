package io.ofnevents.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One row of the report: medians over the rounds of a path. Throughput and CPU come from the
 * saturated rounds, latency from the paced ones.
 */
record PathSummary(
    String label,
    double eventsPerSecond,
    double p50Ms,
    double p99Ms,
    double maxMs,
    double cpuSeconds,
    double natsCpuSeconds,
    double cpuMicrosPerEvent,
    double pathCpuMicrosPerEvent,
    double rssMb,
    int duplicates) {

  static PathSummary of(
      String label, List<RoundResult> saturated, List<RoundResult> paced, double rssMb) {
    return new PathSummary(
        label,
        median(saturated, RoundResult::eventsPerSecond),
        median(paced, RoundResult::p50Ms),
        median(paced, RoundResult::p99Ms),
        median(paced, RoundResult::maxMs),
        median(saturated, RoundResult::cpuSeconds),
        median(saturated, RoundResult::natsCpuSeconds),
        median(saturated, r -> r.cpuSeconds() * 1e6 / r.events()),
        median(saturated, r -> r.pathCpuSeconds() * 1e6 / r.events()),
        rssMb,
        saturated.stream().mapToInt(RoundResult::duplicates).sum()
            + paced.stream().mapToInt(RoundResult::duplicates).sum());
  }

  static double median(List<RoundResult> rounds, ToDoubleFunction<RoundResult> f) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    if (v.length == 0) return 0;
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
}
