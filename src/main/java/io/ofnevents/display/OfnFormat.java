package io.ofnevents.display;

import io.ofnevents.runtime.cloudevents.CloudEvent;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** `display --format ofn`: the request on the first line, attributes sorted, data as text. */
final class OfnFormat {
  private static final Set<String> ATTRIBUTES =
      Set.of("id", "source", "specversion", "type", "subject", "time", "dataschema", "schemaurl");

  private OfnFormat() {}

  static void print(PrintStream out, String request, CloudEvent event) {
    Map<String, String> attributes = new TreeMap<>();
    Map<String, String> extensions = new TreeMap<>();
    event
        .attributes()
        .forEach(
            (k, v) -> {
              if (!k.equals("datacontenttype")) {
                (ATTRIBUTES.contains(k) ? attributes : extensions).put(k, v);
              }
            });
    out.println("☁️  cloudevents.Event " + request);
    out.println("Context Attributes,");
    attributes.forEach((k, v) -> out.println("  " + k + ": " + v));
    if (event.dataContentType() != null) {
      out.println("  datacontenttype: " + event.dataContentType());
    }
    if (!extensions.isEmpty()) {
      out.println("Extensions,");
      extensions.forEach((k, v) -> out.println("  " + k + ": " + v));
    }
    out.println("Data,");
    out.println("  " + render(event.data()));
  }

  private static String render(byte[] body) {
    if (body.length == 0) return "(empty)";
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return "(" + body.length + " bytes, base64) " + Base64.getEncoder().encodeToString(body);
    }
  }
}
