package io.ofnevents.model;

/** How a Trigger keeps the state its conditions are evaluated against (ofn-events). */
public record ConditionStateSpec(
    @Doc("An input is true while an event arrived within this window (default 60s).") String window,
    @Doc("After a condition fires, its inputs go false (Argo Events style; default false).")
        Boolean resetOnFire,
    @OneOf({"current", "all"})
        @Doc(
            "current: the triggering event; all: a CloudEvents batch of the latest event per"
                + " true input.")
        String deliver,
    @OneOf({"memory", "nats"})
        @Doc("memory (default) or nats: JetStream KV, survives restarts, shared by replicas.")
        String store) {}
