package io.ofnevents.runtime.bus;

import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.runtime.EndpointOptions;
import java.time.Duration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Parameters of an `ofn-bus:` endpoint. The NATS ones mirror the bus spec fields (see the
 * compiler's NatsSettings); the in-memory driver uses only the consumer name and concurrency.
 * `startTime` is an ISO-8601 instant (the compiler converts upstream's Go-layout times);
 * `userCredentials` is the content of a NATS .creds file (a name Camel masks in logged URIs),
 * `credentialsFile` its path. A Trigger's consumer names the Trigger (`ns/name`), the subject its
 * undeliverable events are parked on and after how many deliveries (see TriggerParking).
 */
@UriParams
public record BusOptions(
    @UriParam(
            description =
                "jetstream (durable, at-least-once), core (at-most-once) or memory (the in-process bus).")
        String driver,
    @UriParam(
            description =
                "Durable consumer (JetStream) or queue group (core) name; consumers with one name share the events.")
        String consumer,
    @UriParam(description = "Events processed at once; 1 keeps the order of the stream.")
        int concurrency,
    @UriParam(description = "NATS server URL(s), comma-separated.") String servers,
    @UriParam(
            description =
                "queue: replicas share one consumer; topic: each replica has its own (named after OFN_REPLICA_ID or HOSTNAME).")
        String subscriptionType,
    @UriParam(
            description =
                "JetStream AckWait: an unacknowledged delivery is redelivered after this, e.g. 30s.")
        Duration ackWait,
    @UriParam(
            description =
                "Deliveries of one event before JetStream gives up on it; -1 for unlimited.")
        long maxDeliver,
    @UriParam(description = "Unacknowledged events in flight for the consumer.") long maxAckPending,
    @UriParam(
            description =
                "Where a new durable consumer starts: new, all, last, byStartSequence or byStartTime.")
        String deliverPolicy,
    @UriParam(description = "Stream sequence to start at (deliverPolicy byStartSequence).")
        Long startSequence,
    @UriParam(
            description =
                "Start this long before the consumer is created, e.g. 10m (deliverPolicy byStartTime).")
        Duration startTimeDelta,
    @UriParam(description = "ISO-8601 instant to start at (deliverPolicy byStartTime).")
        String startTime,
    @UriParam(
            description =
                "Appended to the event id (id@scope) for the Nats-Msg-Id, so one event republished by several Trigger subscribers is not taken for a duplicate.")
        String dedupScope,
    @UriParam(
            description =
                "One JetStream stream for every subject of the bus (default: one stream per subject).")
        String stream,
    @UriParam(description = "Storage of streams created: file or memory.") String storage,
    @UriParam(description = "Replicas of streams created.") int replicas,
    @UriParam(description = "Age after which the stream discards events, e.g. 72h (default: keep).")
        Duration maxAge,
    @UriParam(
            description =
                "Window in which JetStream drops a second event with the same id, e.g. 2m.")
        Duration duplicateWindow,
    @UriParam(label = "security", secret = true, description = "Authentication token.")
        String token,
    @UriParam(label = "security", secret = true, description = "User name (with password).")
        String user,
    @UriParam(label = "security", secret = true, description = "Password of the user.")
        String password,
    @UriParam(
            name = "userCredentials",
            label = "security",
            secret = true,
            description = "Content of a NATS user credentials (.creds) file: JWT and NKey seed.")
        String credentials,
    @UriParam(label = "security", description = "Path of a NATS user credentials (.creds) file.")
        String credentialsFile,
    @UriParam(
            label = "security",
            description = "PEM file of the CA that signed the server certificate.")
        String tlsCaFile,
    @UriParam(label = "security", description = "PEM client certificate (mutual TLS).")
        String tlsCertFile,
    @UriParam(label = "security", description = "PEM PKCS#8 client key (mutual TLS).")
        String tlsKeyFile,
    @UriParam(
            label = "security",
            description = "Skip verification of the server certificate (testing only).")
        boolean tlsInsecure,
    @UriParam(
            description =
                "namespace/name of the Trigger this consumer feeds; with parkedSubject, events its subscribers cannot deliver are parked instead of redelivered forever.")
        String trigger,
    @UriParam(
            description =
                "Subject that events are parked on when a subscriber rejects them (4xx other than 408 and 429) or still fails after maxDeliveries; they are acknowledged once the parked copy is stored. See `ofn-events parked`.")
        String parkedSubject,
    @UriParam(
            description =
                "Deliveries of one event (the first included) before a subscriber that keeps failing has it parked.")
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
