package io.ofnevents.cesql;

/** A CESQL expression that does not parse, with the 1-based column of the error. */
public final class CesqlSyntaxException extends Exception {
  private final int column;

  public CesqlSyntaxException(String message, int column) {
    super(message);
    this.column = column;
  }

  public int column() {
    return column;
  }
}
