package io.ofnevents.compile.knative;

import io.ofnevents.model.ResourceId;

/** Where a Knative kind sends events: onto a bus subject (no HTTP hop), or to an HTTP URL. */
public sealed interface Hop {
  /** Publish onto `subject` of the bus of `target` (a Broker, a Sequence or a Parallel). */
  record Subject(ResourceId target, String subject) implements Hop {}

  /** POST to `url`. */
  record Http(String url) implements Hop {}
}
