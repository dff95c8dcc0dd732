package io.ofnevents.runtime.parking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parked events in this process, for buses that store nothing (in-memory, core NATS): lost with the
 * process, like everything else on those buses. At most {@value #CAPACITY} per subject; past that
 * the oldest is dropped and logged, so a flood of poison events cannot exhaust the heap.
 */
public final class MemoryParkingLot implements ParkingLot {
  static final int CAPACITY = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(MemoryParkingLot.class);

  private final Map<String, NavigableMap<Long, ParkedEvent>> subjects = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final int capacity;

  public MemoryParkingLot() {
    this(CAPACITY);
  }

  MemoryParkingLot(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public void park(String subject, ParkedEvent event, String dedupId) {
    NavigableMap<Long, ParkedEvent> lot =
        subjects.computeIfAbsent(subject, s -> new ConcurrentSkipListMap<>());
    long id = sequence.incrementAndGet();
    lot.put(id, event.withId(id));
    while (lot.size() > capacity) {
      Map.Entry<Long, ParkedEvent> oldest = lot.pollFirstEntry();
      if (oldest == null) break;
      LOG.error(
          "More than {} events parked on {} in memory: event {} (parked {}) is dropped",
          capacity,
          subject,
          oldest.getValue().eventId(),
          oldest.getValue().parkedAt());
    }
  }

  @Override
  public List<ParkedEvent> list(String subject, long after, int limit) {
    NavigableMap<Long, ParkedEvent> lot = subjects.get(subject);
    if (lot == null) return List.of();
    List<ParkedEvent> out = new ArrayList<>();
    for (ParkedEvent e : lot.tailMap(after, false).values()) {
      if (out.size() >= limit) break;
      out.add(e);
    }
    return out;
  }

  @Override
  public Optional<ParkedEvent> get(String subject, long id) {
    NavigableMap<Long, ParkedEvent> lot = subjects.get(subject);
    return lot == null ? Optional.empty() : Optional.ofNullable(lot.get(id));
  }

  @Override
  public long count(String subject) {
    NavigableMap<Long, ParkedEvent> lot = subjects.get(subject);
    return lot == null ? 0 : lot.size();
  }

  @Override
  public boolean remove(String subject, long id) {
    NavigableMap<Long, ParkedEvent> lot = subjects.get(subject);
    return lot != null && lot.remove(id) != null;
  }
}
