package io.ofnevents.runtime.trigger;

import java.time.Duration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Parameters of an `ofn-trigger:` endpoint. */
@UriParams
public record TriggerOptions(
    @UriPath(description = "namespace/name of the Trigger.") @Metadata(required = true)
        String trigger,
    @UriParam(
            description =
                "record: record the input event in the condition state (the Trigger route); batch: build the CloudEvents batch of the latest events of the true inputs (deliver: all).")
        String operation,
    @UriParam(description = "How long an input stays true after its last event.") Duration window,
    @UriParam(
            description =
                "The inputs of a condition that fired go false; exactly one event claims a firing.")
        boolean resetOnFire,
    @UriParam(
            description =
                "current: the subscriber receives the current event; all: a batch of the latest event of each true input.")
        String deliver,
    @UriParam(
            description =
                "Where the condition state lives: memory (this process) or nats (JetStream KV, shared by replicas).")
        String store) {}
