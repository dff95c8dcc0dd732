package io.ofnevents.runtime.parking;

import java.util.List;
import java.util.Optional;

/**
 * Where a bus keeps parked events, per parking subject: JetStream (a stream on the bus, shared by
 * replicas, surviving restarts) or this process's memory (the in-memory and core NATS buses). The
 * runtime's management API and `ofn-events parked` work through this interface only.
 */
public interface ParkingLot {
  /**
   * Stores `event` on `subject` and returns only once it is stored, so the caller may acknowledge
   * the original afterwards; `dedupId` identifies this parking of this event, so storing it twice
   * (after a redelivery) keeps one copy where the bus de-duplicates.
   */
  void park(String subject, ParkedEvent event, String dedupId) throws Exception;

  /** Up to `limit` events of `subject` with an id greater than `after`, oldest first. */
  List<ParkedEvent> list(String subject, long after, int limit) throws Exception;

  Optional<ParkedEvent> get(String subject, long id) throws Exception;

  /** How many events are parked on `subject` (one request on a server, not a listing). */
  long count(String subject) throws Exception;

  /** Removes the event; false when there was none with that id. */
  boolean remove(String subject, long id) throws Exception;
}
