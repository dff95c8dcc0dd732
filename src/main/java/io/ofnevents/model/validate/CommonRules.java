package io.ofnevents.model.validate;

import io.ofnevents.model.DeliverySpec;
import io.ofnevents.model.Durations;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.Reference;
import io.ofnevents.model.SecretValue;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.address.Destinations;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules shared by several kinds: sinks, delivery, URLs, durations, names, secrets. */
final class CommonRules {
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final Pattern SUBJECT = Pattern.compile("[^\\s*>.]+(\\.[^\\s*>.]+)*");
  private static final Set<String> NATS_SCHEMES = Set.of("nats", "tls", "opentls", "ws", "wss");

  private CommonRules() {}

  static void sink(SinkSpec sink, String path, Reporter r) {
    if (sink == null) return;
    if (sink.uri() == null && sink.ref() == null) {
      r.error(path, "at least one of uri or ref must be set");
      return;
    }
    if (sink.uri() != null) httpUrl(sink.uri(), FieldPath.join(path, "uri"), r);
    if (sink.ref() != null) reference(sink.ref(), FieldPath.join(path, "ref"), r);
  }

  static void reference(Reference ref, String path, Reporter r) {
    if (ref.kind() == null || ref.apiVersion() == null) return; // reported as missing by the loader
    Destinations.unsupported(ref.kind(), null, ref.apiVersion()).ifPresent(m -> r.error(path, m));
  }

  static void httpUrl(String value, String path, Reporter r) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        r.error(path, "\"" + value + "\" is not an http or https URL");
      } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
        r.error(path, "\"" + value + "\" has no host");
      }
    } catch (URISyntaxException e) {
      r.error(path, "\"" + value + "\" is not a valid URL: " + e.getReason());
    }
  }

  static void natsUrls(String value, String path, Reporter r) {
    if (value == null) return;
    for (String part : value.split(",")) {
      String url = part.trim();
      try {
        URI uri = new URI(url.contains("://") ? url : "nats://" + url);
        if (!NATS_SCHEMES.contains(uri.getScheme())) {
          r.error(path, "\"" + url + "\" must use nats://, tls://, ws:// or wss://");
        } else if (uri.getHost() == null) {
          r.error(path, "\"" + url + "\" has no host");
        }
      } catch (URISyntaxException e) {
        r.error(path, "\"" + url + "\" is not a valid URL: " + e.getReason());
      }
    }
  }

  static void duration(String value, String path, Reporter r) {
    if (value == null) return;
    try {
      Durations.parsePositive(value);
    } catch (IllegalArgumentException e) {
      r.error(path, e.getMessage());
    }
  }

  /**
   * Checks a `delivery`; `deadLetterAllowed` is false where a dead-letter sink is already set next
   * to it (a Trigger subscriber's own `deadLetterSink`), so that one event has one dead letter.
   */
  static void delivery(DeliverySpec d, String path, Reporter r, boolean deadLetterAllowed) {
    if (d == null) return;
    if (d.retry() != null && (d.retry() < 0 || d.retry() > 100)) {
      r.error(FieldPath.join(path, "retry"), "must be between 0 and 100 (got " + d.retry() + ")");
    }
    duration(d.backoffDelay(), FieldPath.join(path, "backoffDelay"), r);
    duration(d.timeout(), FieldPath.join(path, "timeout"), r);
    if (d.deadLetterSink() != null && !deadLetterAllowed) {
      r.error(
          FieldPath.join(path, "deadLetterSink"),
          "the subscriber's deadLetterSink is set too: set one of the two");
    }
    sink(d.deadLetterSink(), FieldPath.join(path, "deadLetterSink"), r);
  }

  static void eventName(String name, String path, Reporter r) {
    if (!EVENT_NAME.matcher(name).matches()) {
      r.error(
          path, "event name \"" + name + "\" may contain only letters, digits, '-', '_' and '.'");
    }
  }

  static void subject(String topic, String path, Reporter r) {
    if (topic == null) return;
    if (!SUBJECT.matcher(topic).matches()) {
      r.error(
          path,
          "topic \""
              + topic
              + "\" is not a valid bus subject (no spaces, no '*' or '>', no empty '.' tokens)");
    }
  }

  /** A secret in an upstream field: literals work but are warned about. */
  static void upstreamSecret(SecretValue value, String path, Reporter r) {
    if (value != null && value.isLiteral()) {
      r.warning(
          path,
          "secret given in clear; use ${env:VAR}, ${file:/path} or {secretKeyRef: {name, key}}");
    }
  }

  /** A secret in a field of ours: it must be a reference. */
  static void referencedSecret(SecretValue value, String path, Reporter r) {
    if (value != null && value.isLiteral()) {
      r.error(
          path,
          "secrets must be given by reference: ${env:VAR}, ${file:/path} or {secretKeyRef: {name,"
              + " key}}");
    }
  }
}
