package io.ofnevents.bench;

/**
 * Settings of one benchmark run, as given on the command line.
 *
 * @param events events per saturated round and path
 * @param payload bytes of data per event
 * @param subscribers HTTP sink subscribers of the Trigger (the baselines POST to as many)
 * @param concurrency events in flight per input for the Trigger and the strong baseline (the simple
 *     baseline has one)
 * @param rounds measured rounds per path and kind; medians and min–max are reported
 * @param warmup events per path before the measured rounds
 * @param startup EventSources (and as many Triggers) of the largest start-up measurement
 * @param compile resources of the compile timing
 * @param drain events of a backlog-drain round (the simple baseline drains a fifth)
 * @param sourceEvents Kafka records of a source-half round; 0 skips the source half
 * @param knative also a Knative Trigger's backlog drain and the start-up of one Broker with as many
 *     Knative Triggers as `startup`
 */
public record BenchOptions(
    int events,
    int payload,
    int subscribers,
    int concurrency,
    int rounds,
    int warmup,
    int startup,
    int compile,
    int drain,
    int sourceEvents,
    boolean knative) {
  public BenchOptions {
    positive("startup", startup);
    if (compile < 2) throw new IllegalArgumentException("--compile must be at least 2");
    positive("events", events);
    positive("subscribers", subscribers);
    positive("concurrency", concurrency);
    positive("rounds", rounds);
    positive("drain", drain);
    if (payload < 0) throw new IllegalArgumentException("--payload must be 0 or more");
    if (warmup < 0) throw new IllegalArgumentException("--warmup must be 0 or more");
    if (sourceEvents < 0) throw new IllegalArgumentException("--source-events must be 0 or more");
  }

  private static void positive(String name, int value) {
    if (value < 1) throw new IllegalArgumentException("--" + name + " must be at least 1");
  }
}
