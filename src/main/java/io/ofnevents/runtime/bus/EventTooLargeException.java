package io.ofnevents.runtime.bus;

/**
 * The bus cannot take an event this large. Retrying the same publish cannot help, so it fails at
 * once with a one-line message (no stack trace: it is an outcome, not a bug) and the source keeps
 * the event and presents it again.
 */
public final class EventTooLargeException extends RuntimeException {
  public EventTooLargeException(String message) {
    super(message, null, false, false);
  }
}
