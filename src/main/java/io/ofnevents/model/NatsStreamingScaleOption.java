package io.ofnevents.model;

import java.util.Map;

/**
 * Upstream's KEDA options of a NATS Streaming bus: the operator scales each Trigger on the pending
 * count of its JetStream consumers (KEDA nats-jetstream scaler; upstream used stan).
 */
public record NatsStreamingScaleOption(
    @Doc("KEDA pollingInterval, seconds (KEDA default 30).") Integer pollingInterval,
    @Doc("KEDA cooldownPeriod, seconds (KEDA default 300).") Integer cooldownPeriod,
    @Doc("KEDA minReplicaCount (KEDA default 0).") Integer minReplicaCount,
    @Doc("KEDA maxReplicaCount (KEDA default 100).") Integer maxReplicaCount,
    @Doc("KEDA spec.advanced (AdvancedConfig), copied as given.") Object advanced,
    @Doc("Base metadata of each KEDA nats-jetstream trigger (e.g. account, useHttps).")
        Map<String, String> metadata,
    @Doc("KEDA authenticationRef {name, kind} of the triggers.") Object authRef,
    @Required @Doc("host:port of the NATS HTTP monitoring endpoint, e.g. nats.default:8222.")
        String natsServerMonitoringEndpoint,
    @Required @Doc("Pending events per replica to scale at (metadata.lagThreshold wins).")
        String lagThreshold,
    @Unused("the generated consumer name is always used") String queueGroup,
    @Unused("durableSubscriptionName is always used") String durableName,
    @Unused("one trigger per input subject is always generated") String subject) {}
