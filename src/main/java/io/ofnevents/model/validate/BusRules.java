package io.ofnevents.model.validate;

import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.JetStreamSpec;
import io.ofnevents.model.NatsAuthSpec;
import io.ofnevents.model.NatsSpec;
import io.ofnevents.model.NatsStreamingSpec;
import io.ofnevents.model.ResourceSet;
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
  }

  private static void nats(NatsSpec s, String path, Reporter r) {
    if (s == null) return;
    CommonRules.natsUrls(s.url(), FieldPath.join(path, "url"), r);
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
  }
}
