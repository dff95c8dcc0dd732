package io.ofnevents.model.address;

import io.ofnevents.model.ResourceId;

/**
 * Where a destination resolved to: one of our own addressables (its events go straight onto its bus
 * subject, no HTTP hop), an HTTP URL, or nothing, with the reason.
 */
public sealed interface Target {
  /** An addressable resource of the input (a Broker, a Sequence or a Parallel). */
  record Addressable(ResourceId resource) implements Target {}

  /** An HTTP(S) URL. */
  record Url(String url) implements Target {}

  /** Not resolvable here; `message` says why and what to do. */
  record Unresolved(String message) implements Target {}
}
