package io.ofnevents.runtime.cloudevents;

/**
 * A message that is not a valid CloudEvent: a broken JSON envelope, a batch where one event was
 * expected, a missing required attribute (a header value that is merely not percent-encoded is not
 * one: it is taken as sent, see {@link HeaderValues}). The message names the header or field and
 * the event id when known, so the one line logged for it is enough to find the sender. Retrying
 * cannot fix it.
 */
public final class InvalidCloudEventException extends IllegalArgumentException {
  public InvalidCloudEventException(String message) {
    super(message);
  }

  public InvalidCloudEventException(String message, Throwable cause) {
    super(message, cause);
  }

  /** `event {id}: {what}: {problem}`, with `?` for an id not known (yet). */
  static InvalidCloudEventException of(String id, String what, String problem) {
    return new InvalidCloudEventException(
        "event " + (id == null ? "?" : id) + ": " + what + ": " + problem);
  }
}
