package io.ofnevents.model.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * The attributes of an event as the CloudEvents API's {@link CloudEvent}, for the CESQL engine,
 * which reads {@link #getAttribute} and {@link #getExtension}. Unset attributes are null (CESQL: a
 * missing attribute is an evaluation error); `time` is the text Knative's SDK would give.
 */
final class AttributesEvent implements CloudEvent {
  private final EventAttributes e;

  AttributesEvent(EventAttributes e) {
    this.e = e;
  }

  @Override
  public Object getAttribute(String name) {
    return switch (name) {
      case "time" -> e.get("time").map(AttributeLookup::goTime).orElse(null);
      case "dataschema" -> e.get("dataschema").or(() -> e.get("schemaurl")).orElse(null);
      default -> e.get(name).orElse(null);
    };
  }

  @Override
  public Object getExtension(String name) {
    return e.get(name).orElse(null);
  }

  @Override
  public Set<String> getExtensionNames() {
    return e.extensionNames();
  }

  @Override
  public SpecVersion getSpecVersion() {
    return e.get("specversion").map(SpecVersion::parse).orElse(SpecVersion.V1);
  }

  @Override
  public String getId() {
    return e.get("id").orElse(null);
  }

  @Override
  public String getType() {
    return e.get("type").orElse(null);
  }

  @Override
  public URI getSource() {
    return e.get("source").map(URI::create).orElse(null);
  }

  @Override
  public String getDataContentType() {
    return e.get("datacontenttype").orElse(null);
  }

  @Override
  public URI getDataSchema() {
    return e.get("dataschema").map(URI::create).orElse(null);
  }

  @Override
  public String getSubject() {
    return e.get("subject").orElse(null);
  }

  @Override
  public OffsetDateTime getTime() {
    return e.get("time").map(OffsetDateTime::parse).orElse(null);
  }

  /** Knative's filters never look at data. */
  @Override
  public CloudEventData getData() {
    return null;
  }
}
