package io.ofnevents.runtime.bus;

import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.runtime.EndpointOptions;
import java.time.Duration;
import org.apache.camel.spi.UriParam;

/**
 * Parameters of an `ofn-bus:` endpoint. The NATS ones mirror the bus spec fields (see the
 * compiler's NatsSettings); the in-memory driver uses only the consumer name and concurrency.
 * `startTime` is an ISO-8601 instant (the compiler converts upstream's Go-layout times);
 * `userCredentials` is the content of a NATS .creds file (a name Camel masks in logged URIs),
 * `credentialsFile` its path. A Trigger's consumer names the Trigger (`ns/name`), the subject its
 * undeliverable events are parked on and after how many deliveries (see TriggerParking).
 */
public record BusOptions(
    String driver,
    String consumer,
    int concurrency,
    String servers,
    String subscriptionType,
    Duration ackWait,
    long maxDeliver,
    long maxAckPending,
    String deliverPolicy,
    Long startSequence,
    Duration startTimeDelta,
    String startTime,
    String dedupScope,
    String stream,
    String storage,
    int replicas,
    Duration maxAge,
    Duration duplicateWindow,
    @UriParam(label = "security", secret = true) String token,
    @UriParam(label = "security", secret = true) String user,
    @UriParam(label = "security", secret = true) String password,
    @UriParam(name = "userCredentials", label = "security", secret = true) String credentials,
    String credentialsFile,
    String tlsCaFile,
    String tlsCertFile,
    String tlsKeyFile,
    boolean tlsInsecure,
    String trigger,
    String parkedSubject,
    int maxDeliveries) {

  /** Reads (and removes) the bus parameters from `o`; also used by the NATS condition store. */
  public static BusOptions read(EndpointOptions o) {
    return new BusOptions(
        o.oneOf("driver", "memory", "memory", "jetstream", "core"),
        o.string("consumer", null),
        o.integer("concurrency", 1),
        o.string("servers", null),
        o.oneOf("subscriptionType", "queue", "queue", "topic"),
        o.duration("ackWait", Duration.ofSeconds(30)),
        o.number("maxDeliver", -1),
        o.number("maxAckPending", 1000),
        o.oneOf("deliverPolicy", "new", "new", "all", "last", "byStartSequence", "byStartTime"),
        o.optionalNumber("startSequence"),
        o.duration("startTimeDelta", null),
        o.string("startTime", null),
        o.string("dedupScope", null),
        o.string("stream", null),
        o.oneOf("storage", "file", "file", "memory"),
        o.integer("replicas", 1),
        o.duration("maxAge", null),
        o.duration("duplicateWindow", Duration.ofMinutes(2)),
        o.string("token", null),
        o.string("user", null),
        o.string("password", null),
        o.string("userCredentials", null),
        o.string("credentialsFile", null),
        o.string("tlsCaFile", null),
        o.string("tlsCertFile", null),
        o.string("tlsKeyFile", null),
        o.bool("tlsInsecure", false),
        o.string("trigger", null),
        o.string("parkedSubject", null),
        o.integer("maxDeliveries", DeliveryDefaults.MAX_DELIVERIES));
  }

  /** Never prints credentials. */
  @Override
  public String toString() {
    return "BusOptions[driver="
        + driver
        + ", servers="
        + Redact.urls(servers)
        + ", consumer="
        + consumer
        + "]";
  }
}
