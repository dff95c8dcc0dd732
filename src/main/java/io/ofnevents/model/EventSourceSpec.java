package io.ofnevents.model;

import java.util.Map;

/** Desired state of an EventSource; each map key under a source kind is an event name. */
public record EventSourceSpec(
    @Doc("Name of an EventBus in this namespace, else of a ClusterEventBus.") String eventBus,
    @Doc("Where every event is also sent synchronously (HTTP POST).") SinkSpec sink,
    @Doc("Kafka sources by event name.") Map<String, KafkaSpec> kafka,
    @Doc("Cron sources by event name.") Map<String, CronSpec> cron,
    @Doc("Redis sources by event name.") Map<String, RedisSpec> redis,
    @Doc("MQTT sources by event name.") Map<String, MqttSpec> mqtt,
    @Doc("Handler verbosity (upstream klog level); maps to the log level of the routes.")
        String logLevel,
    @Unused("function builds are not part of ofn-events") Object build,
    @Doc("Retries, backoff, timeout and dead letter for the sink (Knative `delivery` shape).")
        DeliverySpec delivery) {}
