package io.ofnevents.model.filter;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Knative's attribute lookup for filters (`eventfilter/attributes.LookupAttribute`): a context
 * attribute always exists (empty when unset; `time` as Go's RFC 3339 text of the parsed time, the
 * zero time when unset), `schemaurl` is `dataschema`, `datamediatype` is the content type without
 * parameters, and any other name is an extension, which exists only when the event carries it.
 */
public final class AttributeLookup {
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private AttributeLookup() {}

  public static Optional<String> lookup(EventAttributes e, String name) {
    return switch (name) {
      case "specversion", "type", "source", "subject", "id", "datacontenttype" ->
          Optional.of(e.get(name).orElse(""));
      case "dataschema", "schemaurl" ->
          Optional.of(e.get("dataschema").or(() -> e.get("schemaurl")).orElse(""));
      case "datacontentencoding" -> Optional.of(e.get(name).orElse(""));
      case "datamediatype" -> Optional.of(mediaType(e.get("datacontenttype").orElse("")));
      case "time" -> Optional.of(e.get("time").map(AttributeLookup::goTime).orElse(ZERO_TIME));
      default -> e.get(name);
    };
  }

  /** `application/json; charset=utf-8` → `application/json`, as Go's mime.ParseMediaType. */
  static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The time as Go's time.MarshalText writes the SDK's parsed value (UTC, RFC 3339 with trailing
   * zeros of the fraction dropped); text that does not parse is kept as it is.
   */
  static String goTime(String text) {
    try {
      OffsetDateTime t = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
      String base = t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
      int nanos = t.getNano();
      if (nanos == 0) return base + "Z";
      String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
      return base + "." + fraction + "Z";
    } catch (DateTimeParseException ex) {
      return text;
    }
  }
}
