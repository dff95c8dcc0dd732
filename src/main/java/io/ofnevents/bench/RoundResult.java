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
 * @param pathCpuSeconds CPU time of the path's own threads (consumer, HTTP client) in the round
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
    double pathCpuSeconds,
    double natsCpuSeconds,
    int duplicates) {

  /** The round's figures from its tally and the CPU counters read before and after it. */
  static RoundResult of(int events, Tally t, long startNanos, Cpu before, Cpu after) {
    long[] lat = t.sortedLatencies();
    double seconds = (t.lastArrivalNanos() - startNanos) / 1e9;
    return new RoundResult(
        events,
        events / seconds,
        percentile(lat, 0.50),
        percentile(lat, 0.99),
        lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6,
        (after.process() - before.process()) / 1e9,
        (after.path() - before.path()) / 1e9,
        before.nats() < 0 || after.nats() < 0 ? -1 : (after.nats() - before.nats()) / 1e9,
        t.duplicates());
  }

  /** CPU counters read at one moment: this JVM, the path's threads, nats-server (nanoseconds). */
  record Cpu(long process, long path, long nats) {
    static Cpu read(PathThreads pathThreads, long natsPid) {
      return new Cpu(
          ProcessStats.cpuNanos(),
          ProcessStats.threadCpuNanos(pathThreads),
          ProcessStats.cpuNanos(natsPid));
    }
  }

  /** Nearest-rank percentile, in milliseconds. */
  static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) return 0;
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
