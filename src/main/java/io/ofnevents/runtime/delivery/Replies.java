package io.ofnevents.runtime.delivery;

import io.ofnevents.runtime.cloudevents.Binding;
import io.ofnevents.runtime.cloudevents.CloudEvent;
import io.ofnevents.runtime.cloudevents.InvalidCloudEventException;
import java.util.Locale;
import java.util.Map;

/**
 * What an HTTP sink does with the body of a 2xx answer (the `replies` parameter): `none` ignores it
 * (OpenFunction sinks, dead letters, sources); `event` is Knative's reply contract for a Trigger's
 * subscriber: a CloudEvent (binary or structured) is a reply and replaces the message, an empty
 * body is done, any other body is a failure answered 502 by Knative's broker, so retried and then
 * dead-lettered; `event-or-ignore` takes such a body as done (`ofn-events.io/reply: ignore`).
 * Requests of the last two carry `Prefer: reply`.
 */
public enum Replies {
  NONE,
  EVENT,
  EVENT_OR_IGNORE;

  /** Exchange property set to true when a reply event replaced the message. */
  public static final String REPLIED = "ofnKnReplied";

  /** The status Knative's broker filter answers for a 2xx with a body that is not an event. */
  public static final int NOT_AN_EVENT = 502;

  /** The parameter value naming this mode. */
  public String parameter() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Replies of(String parameter) {
    return valueOf(parameter.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** What a 2xx answer held. */
  public sealed interface Answer {}

  /** No body and no event headers: the delivery is done. */
  public record Empty() implements Answer {}

  /** A CloudEvent: the reply. */
  public record Event(CloudEvent event) implements Answer {}

  /** A body that is not a CloudEvent, with why. */
  public record Plain(byte[] body, String problem) implements Answer {}

  /**
   * Reads a 2xx answer (headers as received, any case) in the HTTP binding: structured mode by its
   * Content-Type, binary mode by its `ce-specversion` header; else empty or plain.
   */
  public static Answer read(Map<String, String> headers, byte[] body) {
    byte[] b = body == null ? new byte[0] : body;
    String contentType = null;
    boolean binary = false;
    for (var e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("content-type")) contentType = e.getValue();
      if (e.getKey().equalsIgnoreCase("ce-specversion")) binary = true;
    }
    boolean structured = Binding.mode(contentType) != Binding.Mode.BINARY;
    if (!structured && !binary) {
      return b.length == 0 ? new Empty() : new Plain(b, "it is not a CloudEvent");
    }
    try {
      return new Event(Binding.HTTP.read(headers, b).requireValid());
    } catch (InvalidCloudEventException e) {
      return new Plain(b, e.getMessage());
    }
  }
}
