package io.ofnevents.model;

/** TLS client settings; files are paths on the runtime's file system (mounted Secrets in a pod). */
public record TlsSpec(
    @Doc("PEM file of the CA that signed the server certificate.") String caFile,
    @Doc("PEM client certificate file (mutual TLS).") String certFile,
    @Doc("PEM client key file (mutual TLS).") String keyFile,
    @Doc("Skip server certificate verification (testing only).") Boolean insecureSkipVerify) {}
