package io.ofnevents.model;

/** An MQTT event source: each message payload becomes the data of one event. */
public record MqttSpec(
    @Required @Doc("Broker URL, e.g. tcp://host:1883 or ssl://host:8883.") String url,
    @Required @Doc("Topic filter to subscribe to.") String topic,
    @Doc("QoS 0, 1 or 2 (default 1).") Long qos,
    Boolean retain,
    Boolean cleanSession,
    @Doc("PEM CA certificate (or a ${file:...} reference).") String caCert,
    @Doc("PEM client certificate.") String clientCert,
    @Doc("PEM client key: ${env:VAR}, ${file:...} or {secretKeyRef}.") SecretValue clientKey,
    @Unused("the client id is always {namespace}-{eventSource}-{event}") String consumerID,
    @Doc(
            "Ours: let the replicas of the EventSource split the messages through a shared"
                + " subscription; each replica then needs a stable replica id (default false).")
        Boolean sharedSubscription) {}
