package io.ofnevents.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvent attributes as they travel: binary mode, `ce-` headers on the Camel message, on NATS
 * and on HTTP. Only these headers (and `content-type`) cross a bus or reach a sink.
 */
public final class CloudEventHeaders {
  public static final String PREFIX = "ce-";
  public static final String ID = "ce-id";
  public static final String SOURCE = "ce-source";
  public static final String TYPE = "ce-type";
  public static final String SPECVERSION = "ce-specversion";
  public static final String TIME = "ce-time";
  public static final String SUBJECT = "ce-subject";
  public static final String CONTENT_TYPE = "Content-Type";
  public static final String NAMESPACE = "ce-ofnnamespace";
  public static final String EVENT_SOURCE = "ce-ofneventsource";
  public static final String EVENT = "ce-ofnevent";
  public static final String TRIGGER = "ce-ofntrigger";
  public static final String INPUT = "ce-ofninput";
  public static final String ERROR_CODE = "ce-ofnerrorcode";
  public static final String ERROR_DEST = "ce-ofnerrordest";
  public static final String ERROR_DATA = "ce-ofnerrordata";

  /** Set by a source Kamelet to a stable id of the record (Kafka offset, stream entry id...). */
  public static final String RECORD_ID = "ofn-record-id";

  private CloudEventHeaders() {}

  public static boolean isEventHeader(String name) {
    return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        || name.equalsIgnoreCase(CONTENT_TYPE);
  }

  /** The event headers of a Camel message, as strings, with `Content-Type` spelled canonically. */
  public static Map<String, String> select(Map<String, Object> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (v == null || !isEventHeader(k)) return;
          String key =
              k.equalsIgnoreCase(CONTENT_TYPE)
                  ? CONTENT_TYPE
                  : k.toLowerCase(java.util.Locale.ROOT);
          out.put(key, v.toString());
        });
    return out;
  }
}
