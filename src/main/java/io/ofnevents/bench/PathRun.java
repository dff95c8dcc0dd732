package io.ofnevents.bench;

import java.util.List;

/**
 * Runs rounds of one path: publishes a round's events onto the path's subjects and waits until the
 * sink has every delivery (each event at every subscriber), reading CPU counters around it.
 */
final class PathRun {
  private final Publisher publisher;
  private final ArrivalSink sink;
  private final List<String> subjects;
  private final int subscribers;
  private final long natsPid;

  PathRun(
      Publisher publisher, ArrivalSink sink, List<String> subjects, int subscribers, long natsPid) {
    this.publisher = publisher;
    this.sink = sink;
    this.subjects = subjects;
    this.subscribers = subscribers;
    this.natsPid = natsPid;
  }

  /**
   * One round of `events` events named `round` (unique in the run: it prefixes the event ids), as
   * fast as JetStream takes them when `perSecond` is 0, else paced.
   */
  RoundResult round(String round, int events, double perSecond) throws InterruptedException {
    return round(round, events, events * subscribers, perSecond);
  }

  /** A round after which only `deliveries` arrivals are expected (the Trigger's priming). */
  RoundResult round(String round, int events, int deliveries, double perSecond)
      throws InterruptedException {
    Tally tally = sink.expect(round, deliveries);
    long cpu0 = ProcessStats.cpuNanos();
    long nats0 = ProcessStats.cpuNanos(natsPid);
    long start = publisher.publish(subjects, ProductPipeline.EVENTS, round, events, perSecond);
    long timeout = 60_000 + (perSecond > 0 ? (long) (events * 1000 / perSecond) : events * 10L);
    if (!tally.await(timeout)) {
      throw new IllegalStateException(
          "round "
              + round
              + ": only "
              + tally.count()
              + " of "
              + deliveries
              + " deliveries reached the sink within "
              + timeout / 1000
              + " s");
    }
    long cpu1 = ProcessStats.cpuNanos();
    long nats1 = ProcessStats.cpuNanos(natsPid);
    return RoundResult.of(events, tally, start, cpu0, cpu1, nats0, nats1);
  }
}
