package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Required;
import java.util.List;

/** Desired state of a Sequence. */
public record SequenceSpec(
    @Required @Doc("The steps, in order: each one's reply event is the next one's input.")
        List<SequenceStep> steps,
    @Doc(
            "The channel kind joining the steps (Knative default: InMemoryChannel); served by"
                + " subjects on the namespace's event bus.")
        ChannelTemplate channelTemplate,
    @Doc("Where the last step's reply goes; without one it is dropped (counted).")
        Destination reply,
    @Doc(
            "ofn-events addition (knative/eventing#5118): the delivery of every step without one"
                + " of its own. Not in Knative's schema.")
        KnDeliverySpec delivery) {}
