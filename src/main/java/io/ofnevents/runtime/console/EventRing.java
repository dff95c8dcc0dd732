package io.ofnevents.runtime.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The last N events of one resource, newest last. One short lock per event: the routes of a
 * resource write here, the console reads a copy now and then.
 */
final class EventRing {
  private final RecordedEvent[] slots;
  private long written;

  EventRing(int capacity) {
    slots = new RecordedEvent[capacity];
  }

  synchronized void add(RecordedEvent e) {
    slots[(int) (written++ % slots.length)] = e;
  }

  /** Oldest first. */
  synchronized List<RecordedEvent> snapshot() {
    int n = (int) Math.min(written, slots.length);
    List<RecordedEvent> out = new ArrayList<>(n);
    for (long i = written - n; i < written; i++) out.add(slots[(int) (i % slots.length)]);
    return out;
  }

  synchronized long written() {
    return written;
  }
}
