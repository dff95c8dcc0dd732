package io.ofnevents.runtime.knative;

import io.micrometer.core.instrument.Counter;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.observe.LogContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * `ofn-kn:ping?pingSource=NS/NAME[&decode=base64]`: gives a PingSource's tick Knative's attributes
 * (`type` dev.knative.sources.ping, `source` /apis/v1/namespaces/NS/pingsources/NAME, no subject,
 * `time` now) and an id that is the tick's scheduled time (Knative uses a UUID): the same on a
 * republish and on every replica that fires the tick, so JetStream stores it once. The data and
 * `datacontenttype` were set by the route; `decode=base64` turns a `dataBase64` body into bytes.
 */
final class PingStep implements Processor {
  private final String source;
  private final boolean base64;
  private final Counter ticks;
  private final Clock clock;

  PingStep(String namespace, String name, boolean base64, Counter ticks, Clock clock) {
    this.source = Names.pingCeSource(namespace, name);
    this.base64 = base64;
    this.ticks = ticks;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Message m = exchange.getMessage();
    Object fired = m.removeHeader(CloudEventHeaders.RECORD_ID);
    String id = fired != null ? fired.toString() : Instant.now(clock).toString();
    m.setHeader(CloudEventHeaders.ID, id);
    m.setHeader(CloudEventHeaders.SPECVERSION, "1.0");
    m.setHeader(CloudEventHeaders.TYPE, Names.PING_TYPE);
    m.setHeader(CloudEventHeaders.SOURCE, source);
    m.setHeader(CloudEventHeaders.TIME, Instant.now(clock).toString());
    if (base64) m.setBody(Base64.getDecoder().decode(m.getBody(String.class).trim()));
    LogContext.eventId(id);
    ticks.increment();
  }
}
