package io.ofnevents.compile;

import io.ofnevents.model.Durations;
import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.GoTimeLayout;
import io.ofnevents.model.JetStreamSpec;
import io.ofnevents.model.NatsAuthSpec;
import io.ofnevents.model.NatsSpec;
import io.ofnevents.model.NatsStreamingSpec;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.SecretValue;
import io.ofnevents.model.TlsSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NATS endpoint parameters of a bus: the upstream natsStreaming fields mapped onto JetStream, and
 * the settings of our `nats` bus. Only what the user set (or what differs from the component
 * defaults) is written, so generated routes stay short.
 */
final class NatsSettings {
  private NatsSettings() {}

  static Map<String, Object> stream(EventBusSpec bus) {
    Map<String, Object> p = new LinkedHashMap<>();
    NatsSpec nats = bus.nats();
    if (nats != null && "core".equals(nats.mode())) {
      p.put("mode", "core");
      return p;
    }
    JetStreamSpec js = nats == null ? null : nats.jetstream();
    if (js != null) {
      put(p, "stream", js.stream());
      put(p, "storage", js.storage());
      put(p, "replicas", js.replicas());
      putDuration(p, "maxAge", js.maxAge());
      putDuration(p, "duplicateWindow", js.duplicateWindow());
    }
    return p;
  }

  static Map<String, Object> consumer(EventBusSpec bus) {
    Map<String, Object> p = new LinkedHashMap<>();
    NatsStreamingSpec stan = bus.natsStreaming();
    if (stan != null) {
      put(p, "subscriptionType", stan.subscriptionType());
      putDuration(p, "ackWait", stan.ackWaitTime());
      put(p, "maxAckPending", stan.maxInFlight());
      put(p, "deliverPolicy", deliverPolicy(stan));
      put(p, "startSequence", stan.startAtSequence());
      putDuration(p, "startTimeDelta", stan.startAtTimeDelta());
      if (stan.startAtTime() != null) p.put("startTime", startTime(stan).toString());
      return p;
    }
    NatsSpec nats = bus.nats();
    put(p, "subscriptionType", nats.subscriptionType());
    JetStreamSpec js = nats.jetstream();
    if (js != null) {
      putDuration(p, "ackWait", js.ackWait());
      put(p, "maxDeliver", js.maxDeliver());
      put(p, "maxAckPending", js.maxAckPending());
    }
    return p;
  }

  /**
   * A secret inside RAW(): placeholders are resolved after the endpoint URI is built, so a password
   * with '+', '&' or '=' (or a .creds file's content) would otherwise be read as URI syntax.
   */
  private static String raw(String placeholder) {
    return placeholder == null ? null : "RAW(" + placeholder + ")";
  }

  static Map<String, Object> auth(EventBusSpec bus, Compilation c, ResourceId owner) {
    Map<String, Object> p = new LinkedHashMap<>();
    NatsSpec nats = bus.nats();
    if (nats == null) return p;
    NatsAuthSpec auth = nats.auth();
    if (auth != null) {
      put(p, "token", raw(c.secret(auth.token(), owner, "nats.auth.token")));
      put(p, "user", raw(c.secret(auth.user(), owner, "nats.auth.user")));
      put(p, "password", raw(c.secret(auth.password(), owner, "nats.auth.password")));
      SecretValue creds = auth.credentials();
      if (creds != null && creds.file() != null) {
        // A .creds file is read by the NATS client itself; its path is no secret.
        p.put("credentialsFile", creds.file());
      } else {
        put(p, "userCredentials", raw(c.secret(creds, owner, "nats.auth.credentials")));
      }
    }
    TlsSpec tls = nats.tls();
    if (tls != null) {
      put(p, "tlsCaFile", tls.caFile());
      put(p, "tlsCertFile", tls.certFile());
      put(p, "tlsKeyFile", tls.keyFile());
      put(p, "tlsInsecure", tls.insecureSkipVerify());
    }
    return p;
  }

  /** `startAtTime` read with its Go layout (RFC 3339 when none is given); validated before. */
  static Instant startTime(NatsStreamingSpec s) {
    String layout = s.startAtTimeFormat() == null ? GoTimeLayout.RFC3339 : s.startAtTimeFormat();
    return GoTimeLayout.parse(s.startAtTime(), layout);
  }

  /** The JetStream deliver policy equivalent of the NATS Streaming start options. */
  static String deliverPolicy(NatsStreamingSpec s) {
    if (Boolean.TRUE.equals(s.deliverAll())) return "all";
    if (Boolean.TRUE.equals(s.startWithLastReceived())) return "last";
    if (s.startAtSequence() != null) return "byStartSequence";
    if (s.startAtTimeDelta() != null || s.startAtTime() != null) return "byStartTime";
    return null; // deliverNew, the NATS Streaming default, is the component default
  }

  private static void put(Map<String, Object> p, String key, Object value) {
    if (value != null) p.put(key, value);
  }

  private static void putDuration(Map<String, Object> p, String key, String value) {
    if (value != null) p.put(key, Durations.parse(value).toString());
  }
}
