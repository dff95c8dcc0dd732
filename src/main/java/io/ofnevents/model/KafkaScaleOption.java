package io.ofnevents.model;

import java.util.Map;

/** Upstream's KEDA options for a Kafka event: the operator scales on its consumer group's lag. */
public record KafkaScaleOption(
    @Doc("KEDA pollingInterval, seconds (KEDA default 30).") Integer pollingInterval,
    @Doc("KEDA cooldownPeriod, seconds (KEDA default 300).") Integer cooldownPeriod,
    @Doc("KEDA minReplicaCount (KEDA default 0).") Integer minReplicaCount,
    @Doc("KEDA maxReplicaCount (KEDA default 100).") Integer maxReplicaCount,
    @Doc("KEDA spec.advanced (AdvancedConfig), copied as given.") Object advanced,
    @Doc("Base metadata of the KEDA kafka trigger; bootstrapServers, topic, consumerGroup are set.")
        Map<String, String> metadata,
    @Doc("KEDA authenticationRef {name, kind} of the trigger, e.g. the SASL credentials.")
        Object authRef,
    @Unused("the generated consumer group is always used") String consumerGroup,
    @Unused("spec.kafka.<event>.topic is always used") String topic,
    @Required @Doc("Lag per replica to scale at (metadata.lagThreshold wins, as upstream).")
        String lagThreshold) {}
