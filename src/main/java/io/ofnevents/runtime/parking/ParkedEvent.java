package io.ofnevents.runtime.parking;

import java.time.Instant;
import java.util.Map;

/**
 * An event a Trigger subscriber could not deliver, kept on the Trigger's parking subject: the event
 * as the subscriber tried to deliver it (CloudEvent headers with the `ofnerror*` extensions, and
 * its data), which subscriber failed and the subject it came from. `id` is its position in the
 * parking lot (the JetStream stream sequence), 0 before it is stored.
 */
public record ParkedEvent(
    long id,
    int subscriber,
    String subject,
    Instant parkedAt,
    Map<String, String> headers,
    byte[] body) {

  /** Extension recording the index of the subscriber that failed, on the parked copy. */
  public static final String SUBSCRIBER = "ce-ofnparkedsubscriber";

  /**
   * The "subscriber" of an event parked because it could not be read as a CloudEvent at all: no
   * subscriber ever saw it, so it cannot be replayed.
   */
  public static final int UNREADABLE = -1;

  /** Extension recording the subject the event was read from, on the parked copy. */
  public static final String SUBJECT = "ce-ofnparkedsubject";

  public ParkedEvent {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** The same event as stored at `id`. */
  public ParkedEvent withId(long id) {
    return new ParkedEvent(id, subscriber, subject, parkedAt, headers, body);
  }

  public String eventId() {
    return headers.get("ce-id");
  }
}
