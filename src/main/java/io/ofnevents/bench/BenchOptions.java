package io.ofnevents.bench;

/**
 * Settings of one benchmark run, as given on the command line.
 *
 * @param events events per measured round and path
 * @param payload bytes of data per event
 * @param subscribers HTTP sink subscribers of the Trigger (the raw consumer POSTs to as many)
 * @param concurrency events in flight per input subscription, in both paths
 * @param rounds measured rounds per path; medians are reported
 * @param warmup events per path before the measured rounds
 * @param startup EventSources (and as many Triggers) of the start-up probe
 * @param compile resources of the compile timing
 */
public record BenchOptions(
    int events,
    int payload,
    int subscribers,
    int concurrency,
    int rounds,
    int warmup,
    int startup,
    int compile) {
  public BenchOptions {
    positive("startup", startup);
    if (compile < 2) throw new IllegalArgumentException("--compile must be at least 2");
    positive("events", events);
    positive("subscribers", subscribers);
    positive("concurrency", concurrency);
    positive("rounds", rounds);
    if (payload < 0) throw new IllegalArgumentException("--payload must be 0 or more");
    if (warmup < 0) throw new IllegalArgumentException("--warmup must be 0 or more");
  }

  private static void positive(String name, int value) {
    if (value < 1) throw new IllegalArgumentException("--" + name + " must be at least 1");
  }
}
