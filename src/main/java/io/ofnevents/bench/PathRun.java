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
  private final PathThreads threads;

  /** `threads`: the threads that do this path's work. */
  PathRun(
      Publisher publisher,
      ArrivalSink sink,
      List<String> subjects,
      int subscribers,
      long natsPid,
      PathThreads threads) {
    this.publisher = publisher;
    this.sink = sink;
    this.subjects = subjects;
    this.subscribers = subscribers;
    this.natsPid = natsPid;
    this.threads = threads;
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
    RoundResult.Cpu before = RoundResult.Cpu.read(threads, natsPid);
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
    return RoundResult.of(events, tally, start, before, RoundResult.Cpu.read(threads, natsPid));
  }

  /**
   * A backlog drain: the path's consumers stopped, `events` published (acknowledged by JetStream),
   * then the consumers started; timed from that start to the last arrival. No publisher runs while
   * it is timed, so this is the consumer path's own pace.
   */
  RoundResult drain(String round, int events, Drainable path) throws Exception {
    path.pause();
    Tally tally = sink.expect(round, events * subscribers);
    publisher.publish(subjects, ProductPipeline.EVENTS, round, events, 0);
    RoundResult.Cpu before = RoundResult.Cpu.read(threads, natsPid);
    long start = System.nanoTime();
    path.resume();
    long timeout = 60_000 + events * 2L;
    if (!tally.await(timeout)) {
      throw new IllegalStateException(
          "drain "
              + round
              + ": only "
              + tally.count()
              + " of "
              + events * subscribers
              + " deliveries reached the sink within "
              + timeout / 1000
              + " s");
    }
    return RoundResult.of(events, tally, start, before, RoundResult.Cpu.read(threads, natsPid));
  }
}
