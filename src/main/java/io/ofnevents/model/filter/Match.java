package io.ofnevents.model.filter;

/**
 * The outcome of a filter, three-valued as in Knative's `eventfilter`: a filter that could not be
 * built, or a combination of none, says {@link #NONE}, which lets the event through.
 */
public enum Match {
  PASS,
  FAIL,
  NONE;

  /** Whether the event goes on: anything but FAIL. */
  public boolean passes() {
    return this != FAIL;
  }
}
