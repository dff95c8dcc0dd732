package io.ofnevents.model.cron;

/**
 * Thrown for a schedule that is invalid or has no exact Quartz/timer equivalent; the message is a
 * single user-facing line.
 */
public final class CronSyntaxException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int position;

  public CronSyntaxException(String message) {
    this(message, -1);
  }

  public CronSyntaxException(String message, int position) {
    // The message is the whole story for the user; a stack trace would only be noise and cost.
    super(message, null, false, false);
    this.position = position;
  }

  /** Zero-based index into the schedule string where the problem starts, or -1 if unknown. */
  public int position() {
    return position;
  }
}
