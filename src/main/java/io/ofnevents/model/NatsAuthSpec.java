package io.ofnevents.model;

/** NATS authentication; secrets must be references, never literals. */
public record NatsAuthSpec(
    @Doc("Token: ${env:VAR}, ${file:...} or {secretKeyRef}.") SecretValue token,
    @Doc("User name.") SecretValue user,
    @Doc("Password: ${env:VAR}, ${file:...} or {secretKeyRef}.") SecretValue password,
    @Doc("NATS credentials (.creds) file: ${file:...} or {secretKeyRef}.")
        SecretValue credentials) {}
