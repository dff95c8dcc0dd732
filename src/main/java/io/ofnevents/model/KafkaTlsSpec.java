package io.ofnevents.model;

/**
 * TLS to the Kafka brokers (ours): `SSL`, or `SASL_SSL` with `authRequired`. Each PEM is given by
 * reference; without `caCert` the JDK's trusted CAs are used, and a client certificate is optional.
 */
public record KafkaTlsSpec(
    @Doc("PEM CA certificate(s) to trust: ${file:/path}, ${env:VAR} or {secretKeyRef}.")
        SecretValue caCert,
    @Doc("PEM client certificate chain (mutual TLS), by reference like caCert.")
        SecretValue clientCert,
    @Doc("PEM PKCS#8 private key of clientCert, by reference like caCert.")
        SecretValue clientKey) {}
