package io.ofnevents.model;

/** A reference to an addressable object (Knative Service, OpenFunction Function). */
public record Reference(
    @Required @Doc("Kind of the referent: Service or Function.") String kind,
    @Required @Doc("API version of the referent, e.g. serving.knative.dev/v1.") String apiVersion,
    @Required @Doc("Name of the referent.") String name,
    @Doc("Namespace of the referent; defaults to the resource's namespace.") String namespace) {}
