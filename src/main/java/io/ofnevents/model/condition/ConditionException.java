package io.ofnevents.model.condition;

/** A condition that does not compile; the message is user-facing and names the column. */
public final class ConditionException extends Exception {
  private final int column;

  public ConditionException(String message, int column) {
    super(message);
    this.column = column;
  }

  /** 1-based column in the expression, 0 when unknown. */
  public int column() {
    return column;
  }
}
