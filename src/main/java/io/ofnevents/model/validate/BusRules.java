package io.ofnevents.model.validate;

import io.ofnevents.model.Durations;
import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.GoTimeLayout;
import io.ofnevents.model.JetStreamSpec;
import io.ofnevents.model.NatsAuthSpec;
import io.ofnevents.model.NatsSpec;
import io.ofnevents.model.NatsStreamingSpec;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.TlsSpec;
import java.util.stream.Stream;

/** Rules of EventBus and ClusterEventBus, and of references to them. */
final class BusRules {
  private BusRules() {}

  static void check(EventBusSpec spec, Reporter r) {
    if (spec == null) return;
    long backends =
        Stream.of(spec.natsStreaming(), spec.nats(), spec.inMemory())
            .filter(b -> b != null)
            .count();
    if (backends == 0) {
      r.error(
          "spec",
          "no specification found for eventBus: set one of natsStreaming, nats or inMemory");
    } else if (backends > 1) {
      r.error("spec", "set only one of natsStreaming, nats and inMemory");
    }
    natsStreaming(spec.natsStreaming(), "spec.natsStreaming", r);
    nats(spec.nats(), "spec.nats", r);
  }

  static void reference(String busName, String namespace, ResourceSet all, Reporter r) {
    if (all.findBus(namespace, busName).isEmpty()) {
      r.error(
          "spec.eventBus",
          "cannot find EventBus \""
              + busName
              + "\" in namespace \""
              + namespace
              + "\" nor ClusterEventBus \""
              + busName
              + "\"");
    }
  }

  private static void natsStreaming(NatsStreamingSpec s, String path, Reporter r) {
    if (s == null) return;
    CommonRules.natsUrls(s.natsURL(), FieldPath.join(path, "natsURL"), r);
    credentialsInUrl(s.natsURL(), FieldPath.join(path, "natsURL"), r);
    CommonRules.duration(s.ackWaitTime(), FieldPath.join(path, "ackWaitTime"), r);
    CommonRules.duration(s.startAtTimeDelta(), FieldPath.join(path, "startAtTimeDelta"), r);
    if (s.maxInFlight() != null && s.maxInFlight() <= 0) {
      r.error(FieldPath.join(path, "maxInFlight"), "must be greater than zero");
    }
    if (s.durableSubscriptionName() != null
        && !s.durableSubscriptionName().matches("[A-Za-z0-9_-]+")) {
      r.error(
          FieldPath.join(path, "durableSubscriptionName"),
          "may contain only letters, digits, '-' and '_' (it prefixes JetStream consumer names)");
    }
    long starts =
        Stream.of(
                Boolean.TRUE.equals(s.deliverNew()),
                Boolean.TRUE.equals(s.startWithLastReceived()),
                Boolean.TRUE.equals(s.deliverAll()),
                s.startAtSequence() != null,
                s.startAtTimeDelta() != null,
                s.startAtTime() != null)
            .filter(b -> b)
            .count();
    if (starts > 1) {
      r.error(
          path,
          "set at most one start position of deliverNew, startWithLastReceived, deliverAll,"
              + " startAtSequence, startAtTimeDelta and startAtTime");
    }
    if (s.startAtTimeFormat() != null && s.startAtTime() == null) {
      r.warning(FieldPath.join(path, "startAtTimeFormat"), "has no effect without startAtTime");
    }
    if (s.startAtSequence() != null && s.startAtSequence() < 1) {
      r.error(FieldPath.join(path, "startAtSequence"), "must be at least 1 (sequences start at 1)");
    }
    if (s.startAtTime() != null) {
      String layout = s.startAtTimeFormat() == null ? GoTimeLayout.RFC3339 : s.startAtTimeFormat();
      try {
        GoTimeLayout.parse(s.startAtTime(), layout);
      } catch (IllegalArgumentException e) {
        r.error(
            FieldPath.join(path, "startAtTime"),
            e.getMessage()
                + (s.startAtTimeFormat() == null
                    ? " (set startAtTimeFormat to the Go layout of the time)"
                    : ""));
      }
    }
  }

  private static void nats(NatsSpec s, String path, Reporter r) {
    if (s == null) return;
    CommonRules.natsUrls(s.url(), FieldPath.join(path, "url"), r);
    credentialsInUrl(s.url(), FieldPath.join(path, "url"), r);
    JetStreamSpec js = s.jetstream();
    if (js != null) {
      String p = FieldPath.join(path, "jetstream");
      if ("core".equals(s.mode())) r.error(p, "has no effect with mode: core");
      if (js.stream() != null && !js.stream().matches("[A-Za-z0-9_-]+")) {
        r.error(FieldPath.join(p, "stream"), "may contain only letters, digits, '-' and '_'");
      }
      if (js.replicas() != null && (js.replicas() < 1 || js.replicas() > 5)) {
        r.error(FieldPath.join(p, "replicas"), "must be between 1 and 5");
      }
      CommonRules.duration(js.maxAge(), FieldPath.join(p, "maxAge"), r);
      CommonRules.duration(js.duplicateWindow(), FieldPath.join(p, "duplicateWindow"), r);
      duplicateWindowWithinMaxAge(js, p, r);
      CommonRules.duration(js.ackWait(), FieldPath.join(p, "ackWait"), r);
      if (js.maxDeliver() != null && js.maxDeliver() < 1 && js.maxDeliver() != -1) {
        r.error(FieldPath.join(p, "maxDeliver"), "must be at least 1, or -1 for unlimited");
      }
      if (js.maxAckPending() != null && js.maxAckPending() < 1) {
        r.error(FieldPath.join(p, "maxAckPending"), "must be at least 1");
      }
    }
    NatsAuthSpec auth = s.auth();
    if (auth != null) {
      String p = FieldPath.join(path, "auth");
      CommonRules.referencedSecret(auth.token(), FieldPath.join(p, "token"), r);
      CommonRules.referencedSecret(auth.password(), FieldPath.join(p, "password"), r);
      CommonRules.referencedSecret(auth.credentials(), FieldPath.join(p, "credentials"), r);
      if (auth.password() != null && auth.user() == null) {
        r.error(FieldPath.join(p, "user"), "required with password");
      }
      long methods =
          Stream.of(auth.token(), auth.password(), auth.credentials())
              .filter(a -> a != null)
              .count();
      if (methods > 1) r.error(p, "set only one of token, user/password and credentials");
    }
    tls(s.tls(), FieldPath.join(path, "tls"), r);
  }

  /** nats://user:pass@host works, but the secret then sits in the CR and the generated routes. */
  private static void credentialsInUrl(String urls, String path, Reporter r) {
    if (urls != null && urls.matches("(?s).*://[^/,]*@.*")) {
      r.warning(
          path,
          "carries credentials, which end up in clear in the generated routes: use nats.auth with"
              + " ${env:VAR}, ${file:/path} or a secretKeyRef instead");
    }
  }

  private static void duplicateWindowWithinMaxAge(JetStreamSpec js, String path, Reporter r) {
    if (js.maxAge() == null || js.duplicateWindow() == null) return;
    try {
      if (Durations.parse(js.duplicateWindow()).compareTo(Durations.parse(js.maxAge())) > 0) {
        r.error(
            FieldPath.join(path, "duplicateWindow"),
            "must not be longer than maxAge (JetStream forgets ids of messages it discarded)");
      }
    } catch (IllegalArgumentException reportedAbove) {
      // an unparsable duration is already an error of its own field
    }
  }

  private static void tls(TlsSpec tls, String path, Reporter r) {
    if (tls == null) return;
    if (tls.certFile() != null && tls.keyFile() == null) {
      r.error(FieldPath.join(path, "keyFile"), "required with certFile (mutual TLS)");
    }
    if (tls.keyFile() != null && tls.certFile() == null) {
      r.error(FieldPath.join(path, "certFile"), "required with keyFile (mutual TLS)");
    }
    if (Boolean.TRUE.equals(tls.insecureSkipVerify())) {
      r.warning(
          FieldPath.join(path, "insecureSkipVerify"),
          "the server certificate is not verified: use for testing only");
      if (tls.caFile() != null) {
        r.warning(FieldPath.join(path, "caFile"), "has no effect with insecureSkipVerify");
      }
    }
  }
}
