package io.ofnevents.model;

/** An HTTP target: a literal `uri`, or a `ref` resolved in the cluster (`uri` wins). */
public record SinkSpec(
    @Doc("Literal http(s) URL.") String uri,
    @Doc("Knative Service or OpenFunction Function whose address is the URL.") Reference ref) {}
