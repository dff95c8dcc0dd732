package io.ofnevents.model.filter;

/** A filter over CloudEvent attributes, compiled once and safe to share between threads. */
@FunctionalInterface
public interface EventFilter {
  Match test(EventAttributes event);

  /** Lets every event through (no filter at all). */
  EventFilter NONE = e -> Match.NONE;
}
