package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the JetStream consumers of one bus connection share instead of threads of their own (a fetch
 * thread, a worker pool and a heartbeat thread each, i.e. 3,000 threads for 1,000 Trigger inputs):
 * one jnats dispatcher receives the messages of every pull subscription, one timer thread ends
 * pulls and sends the in-progress acks, a worker pool grows only while deliveries run, and a few
 * threads create streams and durables concurrently.
 */
final class FetchScheduler implements AutoCloseable {
  /** Streams and durables created at once: enough to hide the round trips, few for the server. */
  static final int BINDERS = 8;

  private final String name;
  private final ScheduledThreadPoolExecutor timer;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor binders;
  private Dispatcher dispatcher;

  FetchScheduler(String name) {
    this.name = name;
    timer = new ScheduledThreadPoolExecutor(1, threads("ofn-jetstream-timer"));
    timer.setRemoveOnCancelPolicy(true);
    workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threads("ofn-jetstream-worker"));
    binders =
        new ThreadPoolExecutor(
            BINDERS,
            BINDERS,
            10,
            TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            threads("ofn-jetstream-bind"));
    binders.allowCoreThreadTimeOut(true);
  }

  /** The dispatcher that every pull subscription of this bus receives on (jnats keeps it). */
  synchronized Dispatcher dispatcher(Connection nc) {
    if (dispatcher == null) dispatcher = nc.createDispatcher();
    return dispatcher;
  }

  /** A lane of `concurrency` deliveries at a time on the shared workers. */
  Lane lane(int concurrency) {
    return new Lane(workers, concurrency);
  }

  /** Runs `task` on the timer thread after `millis`; nothing once closed. */
  void after(long millis, Runnable task) {
    try {
      timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed: nothing is pulled or set up any more
    }
  }

  ScheduledFuture<?> every(long millis, Runnable task) {
    return timer.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs a stream and durable set-up (requests to the server) off the caller's thread; false when
   * closed.
   */
  boolean bind(Runnable task) {
    try {
      binders.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  ExecutorService workers() {
    return workers;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    binders.shutdownNow();
    workers.shutdown();
  }

  @Override
  public String toString() {
    return "FetchScheduler[" + name + "]";
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
