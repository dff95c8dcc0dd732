package io.ofnevents.model;

/** A Kafka event source: each record value becomes the data of one event. */
public record KafkaSpec(
    @Required @Doc("Comma-separated bootstrap servers.") String brokers,
    @Required @Doc("Whether SASL authentication is used.") Boolean authRequired,
    @Doc("Topic to consume.") String topic,
    @Doc("SASL user name.") SecretValue saslUsername,
    @Doc("SASL password: ${env:VAR} or {secretKeyRef: {name, key}}.") SecretValue saslPassword,
    @OneOf({"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
        @Doc("SASL mechanism when authRequired (default PLAIN).")
        String saslMechanism,
    @Doc("Largest record accepted, in bytes.") Long maxMessageBytes,
    @Doc("KEDA scaling options (honoured by the operator only).") KafkaScaleOption scaleOption,
    @Doc("Ours: connect with TLS (SSL, or SASL_SSL with authRequired).") KafkaTlsSpec tls) {}
