package io.ofnevents.runtime.delivery;

/**
 * What an HTTP sink's requests carry besides the event, and what it does with an answer's body.
 *
 * @param replies how a 2xx body is read ({@link Replies}); `Prefer: reply` is sent unless `NONE`
 * @param knNamespace the `Kn-Namespace` header (Knative's subscribers get it), or null
 * @param structured CloudEvents structured mode (Knative `delivery.format: json`) instead of binary
 */
record RequestOptions(Replies replies, String knNamespace, boolean structured) {
  static final RequestOptions PLAIN = new RequestOptions(Replies.NONE, null, false);
}
