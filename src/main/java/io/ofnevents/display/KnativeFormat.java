package io.ofnevents.display;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ofnevents.runtime.cloudevents.CloudEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Knative's event_display output (eventing cmd/event_display, `fmt.Printf("☁️
 * cloudevents.Event\n%s", event)` with CloudEvents sdk-go v2's `Event.String()`): the context
 * attributes in the SDK's order (only those set), the extensions sorted by name, then the data,
 * JSON pretty-printed as Go's `json.Indent(.., " ", " ")` does for `application/json`, raw
 * otherwise, under `Data (binary),` when it came as `data_base64`; no data section without data.
 */
final class KnativeFormat {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> V1 =
      List.of("type", "source", "subject", "id", "time", "dataschema", "datacontenttype");
  private static final List<String> V03 =
      List.of(
          "type",
          "source",
          "subject",
          "id",
          "time",
          "schemaurl",
          "datacontenttype",
          "datacontentencoding");

  private KnativeFormat() {}

  static void print(PrintStream out, CloudEvent event, boolean base64Data) {
    boolean v03 = "0.3".equals(event.specVersion());
    List<String> context = v03 ? V03 : V1;
    StringBuilder b = new StringBuilder("☁️  cloudevents.Event\nContext Attributes,\n");
    b.append("  specversion: ").append(v03 ? "0.3" : "1.0").append('\n');
    for (String name : context) {
      String v = event.attribute(name);
      if (v == null) continue;
      b.append("  ").append(name).append(": ").append(name.equals("time") ? time(v) : v);
      b.append('\n');
    }
    Map<String, String> extensions = new TreeMap<>();
    event
        .attributes()
        .forEach(
            (k, v) -> {
              if (!k.equals("specversion") && !context.contains(k)) extensions.put(k, v);
            });
    if (!extensions.isEmpty()) {
      b.append("Extensions,\n");
      extensions.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
    }
    out.print(b);
    byte[] data = event.data();
    if (data.length == 0) return;
    out.print(base64Data ? "Data (binary),\n  " : "Data,\n  ");
    String pretty = isJson(event.dataContentType()) ? GoIndent.indent(data, "  ", "  ") : null;
    if (pretty != null) out.print(pretty);
    else out.write(data, 0, data.length);
    out.print('\n');
  }

  /** The SDK's `DataMediaType() == "application/json"`: the media type without parameters. */
  private static boolean isJson(String contentType) {
    if (contentType == null) return false;
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
  }

  /** `time` as Go prints a Timestamp: UTC, RFC 3339 with the fraction's trailing zeros cut. */
  static String time(String value) {
    try {
      OffsetDateTime t = OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
      String base = t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
      String nanos = String.format("%09d", t.getNano()).replaceAll("0+$", "");
      return base + (nanos.isEmpty() ? "" : "." + nanos) + "Z";
    } catch (DateTimeParseException e) {
      return value;
    }
  }

  /** Whether `data` is JSON (Go's json.Indent refuses anything else and the raw bytes print). */
  static boolean valid(byte[] data) {
    try {
      JSON.readTree(new String(data, StandardCharsets.UTF_8));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
