package io.ofnevents.bench;

/**
 * What one round of one path measured.
 *
 * @param events events published (each reaches every subscriber)
 * @param eventsPerSecond events divided by the time from first publish to last arrival
 * @param p50Ms median latency (publish → sink arrival)
 * @param p99Ms 99th percentile latency
 * @param maxMs highest latency
 * @param cpuSeconds CPU time of this JVM during the round
 * @param natsCpuSeconds CPU time of nats-server during the round
 * @param duplicates events that reached the sink more than once
 */
record RoundResult(
    int events,
    double eventsPerSecond,
    double p50Ms,
    double p99Ms,
    double maxMs,
    double cpuSeconds,
    double natsCpuSeconds,
    int duplicates) {

  /** The round's figures from its tally and the CPU counters read before and after it. */
  static RoundResult of(
      int events, Tally t, long startNanos, long cpu0, long cpu1, long nats0, long nats1) {
    long[] lat = t.sortedLatencies();
    double seconds = (t.lastArrivalNanos() - startNanos) / 1e9;
    return new RoundResult(
        events,
        events / seconds,
        percentile(lat, 0.50),
        percentile(lat, 0.99),
        lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6,
        (cpu1 - cpu0) / 1e9,
        nats0 < 0 || nats1 < 0 ? -1 : (nats1 - nats0) / 1e9,
        t.duplicates());
  }

  /** Nearest-rank percentile, in milliseconds. */
  static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) return 0;
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
