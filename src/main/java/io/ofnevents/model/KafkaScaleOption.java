package io.ofnevents.model;

import java.util.Map;

/** KEDA Kafka scaler options of upstream; accepted for compatibility. */
public record KafkaScaleOption(
    Integer pollingInterval,
    Integer cooldownPeriod,
    Integer minReplicaCount,
    Integer maxReplicaCount,
    @Unused("KEDA advanced config is not applied") Object advanced,
    Map<String, String> metadata,
    @Unused("KEDA authRef is not applied") Object authRef,
    @Unused("the generated consumer group is always used") String consumerGroup,
    @Unused("spec.kafka.<event>.topic is always used") String topic,
    @Required String lagThreshold) {}
