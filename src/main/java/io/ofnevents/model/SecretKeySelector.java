package io.ofnevents.model;

/** A key of a Kubernetes Secret in the resource's namespace. */
public record SecretKeySelector(
    @Required @Doc("Secret name.") String name, @Required @Doc("Key in the Secret.") String key) {}
