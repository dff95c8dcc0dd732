package io.ofnevents.runtime.cloudevents;

import io.ofnevents.runtime.CloudEventHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One CloudEvent as read from or written to the wire: its attributes (context attributes and
 * extensions, by lower-case name, as their canonical strings, `datacontenttype` included) and its
 * data bytes. Version-neutral: a 0.3 event keeps its 0.3 attributes ({@link SpecVersion}).
 *
 * <p>Inside the runtime an event travels as Camel headers, `ce-{name}` plus `Content-Type` for
 * `datacontenttype` ({@link #fromHeaders}, {@link #headers}); the bindings ({@link Binding}) and
 * the JSON format ({@link JsonFormat}) turn it into bytes on a wire.
 */
public record CloudEvent(Map<String, String> attributes, byte[] data) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+");

  public CloudEvent {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    data = data == null ? new byte[0] : data;
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  public String id() {
    return attributes.get("id");
  }

  public String source() {
    return attributes.get("source");
  }

  public String specVersion() {
    return attributes.get("specversion");
  }

  public String dataContentType() {
    return attributes.get("datacontenttype");
  }

  /** A copy with `name` set to `value` (removed when null). */
  public CloudEvent with(String name, String value) {
    Map<String, String> a = new LinkedHashMap<>(attributes);
    if (value == null) a.remove(name);
    else a.put(name, value);
    return new CloudEvent(a, data);
  }

  /** A copy with other data bytes. */
  public CloudEvent withData(byte[] bytes) {
    return new CloudEvent(attributes, bytes);
  }

  /**
   * The event of runtime headers: `ce-{name}` (values already decoded) and `Content-Type`; other
   * headers are not part of the event.
   */
  public static CloudEvent fromHeaders(Map<String, ?> headers, byte[] data) {
    Map<String, String> a = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (v == null) return;
          if (k.equalsIgnoreCase(CloudEventHeaders.CONTENT_TYPE)) {
            a.put("datacontenttype", v.toString());
          } else if (k.regionMatches(true, 0, CloudEventHeaders.PREFIX, 0, 3) && k.length() > 3) {
            a.put(k.substring(3).toLowerCase(Locale.ROOT), v.toString());
          }
        });
    return new CloudEvent(a, data);
  }

  /** This event as runtime headers (see {@link #fromHeaders}), values not encoded. */
  public Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    attributes.forEach(
        (k, v) -> {
          if (k.equals("datacontenttype")) h.put(CloudEventHeaders.CONTENT_TYPE, v);
          else h.put(CloudEventHeaders.PREFIX + k, v);
        });
    return h;
  }

  /**
   * What makes this event invalid (empty when it is valid): a missing or empty required attribute,
   * a `specversion` other than 0.3 and 1.0, an attribute name that is not lower-case letters and
   * digits.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    for (String name : List.of("specversion", "id", "source", "type")) {
      String v = attributes.get(name);
      if (v == null || v.isEmpty()) out.add("required attribute " + name + " is missing");
    }
    String sv = specVersion();
    if (sv != null && !sv.isEmpty() && SpecVersion.of(sv) == null) {
      out.add("specversion " + sv + " is not supported (0.3 and 1.0 are)");
    }
    attributes.keySet().stream()
        .filter(n -> !NAME.matcher(n).matches())
        .forEach(n -> out.add("attribute name \"" + n + "\" is not lower-case letters and digits"));
    return out;
  }

  /** This event, or an {@link InvalidCloudEventException} naming every problem. */
  public CloudEvent requireValid() {
    List<String> problems = problems();
    if (problems.isEmpty()) return this;
    throw InvalidCloudEventException.of(
        id(), "not a valid CloudEvent", String.join("; ", problems));
  }
}
