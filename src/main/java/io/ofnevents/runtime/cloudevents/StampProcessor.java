package io.ofnevents.runtime.cloudevents;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.observe.LogContext;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Sets the CloudEvent 1.0 attributes of an event read from a source. The id is the event name and
 * the source's record id when it has one (so a republish after a crash carries the same id), else a
 * UUID ({@link #id}); a subject set by the source (Kafka key, MQTT topic) is kept.
 */
final class StampProcessor implements Processor {
  private final String source;
  private final String type;
  private final String subject;
  private final String namespace;
  private final String eventSource;
  private final String event;
  private final Clock clock;

  StampProcessor(
      String source,
      String type,
      String subject,
      String namespace,
      String eventSource,
      String event,
      Clock clock) {
    this.source = source;
    this.type = type;
    this.subject = subject;
    this.namespace = namespace;
    this.eventSource = eventSource;
    this.event = event;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Message m = exchange.getMessage();
    String recordId = m.getHeader(CloudEventHeaders.RECORD_ID, String.class);
    m.removeHeader(CloudEventHeaders.RECORD_ID);
    String id = id(event, recordId != null ? recordId : UUID.randomUUID().toString());
    m.setHeader(CloudEventHeaders.ID, id);
    LogContext.eventId(id);
    m.setHeader(CloudEventHeaders.SPECVERSION, "1.0");
    m.setHeader(CloudEventHeaders.SOURCE, source);
    m.setHeader(CloudEventHeaders.TYPE, type);
    if (m.getHeader(CloudEventHeaders.SUBJECT) == null && subject != null) {
      m.setHeader(CloudEventHeaders.SUBJECT, subject);
    }
    m.setHeader(CloudEventHeaders.TIME, Instant.now(clock).toString());
    setIfPresent(m, CloudEventHeaders.NAMESPACE, namespace);
    setIfPresent(m, CloudEventHeaders.EVENT_SOURCE, eventSource);
    setIfPresent(m, CloudEventHeaders.EVENT, event);
  }

  /**
   * `{event}/{record id}`: (source, id) must be unique per event, and the source is the
   * EventSource, whose events may read the same record (two Kafka events on one topic) or fire at
   * the same time (two cron events). Event names cannot contain `/`, so the id is unambiguous.
   */
  static String id(String event, String recordId) {
    return event == null ? recordId : event + "/" + recordId;
  }

  private static void setIfPresent(Message m, String header, String value) {
    if (value != null) m.setHeader(header, value);
  }
}
