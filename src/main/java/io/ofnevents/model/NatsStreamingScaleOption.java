package io.ofnevents.model;

import java.util.Map;

/** KEDA NATS Streaming scaler options of upstream; accepted for compatibility. */
public record NatsStreamingScaleOption(
    Integer pollingInterval,
    Integer cooldownPeriod,
    Integer minReplicaCount,
    Integer maxReplicaCount,
    @Unused("KEDA advanced config is not applied") Object advanced,
    Map<String, String> metadata,
    @Unused("KEDA authRef is not applied") Object authRef,
    @Required String natsServerMonitoringEndpoint,
    @Required String lagThreshold,
    @Unused("the generated consumer name is always used") String queueGroup,
    @Unused("durableSubscriptionName is always used") String durableName,
    @Unused("one subject per input topic is always used") String subject) {}
