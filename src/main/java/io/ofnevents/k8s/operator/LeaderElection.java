package io.ofnevents.k8s.operator;

import java.time.Duration;

/**
 * Where and how the operator's replicas elect their leader: the Lease `namespace`/`name`, this
 * replica's `identity`, and client-go's timings (a new leader within `lease` after a leader
 * vanished without releasing it; a leader stops leading when it could not renew for `renew`;
 * candidates retry every `retry`).
 */
public record LeaderElection(
    String namespace,
    String name,
    String identity,
    Duration lease,
    Duration renew,
    Duration retry) {
  /** client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry. */
  public static LeaderElection of(String namespace, String name, String identity) {
    return new LeaderElection(
        namespace,
        name,
        identity,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2));
  }
}
