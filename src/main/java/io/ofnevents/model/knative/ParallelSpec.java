package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Required;
import java.util.List;

/** Desired state of a Parallel. */
public record ParallelSpec(
    @Required @Doc("The branches; every branch gets every event. Outputs are not joined.")
        List<ParallelBranch> branches,
    @Doc(
            "The channel kind joining the branches (Knative default: InMemoryChannel); served by"
                + " subjects on the namespace's event bus.")
        ChannelTemplate channelTemplate,
    @Doc("Where a branch's subscriber reply goes when the branch has no reply of its own.")
        Destination reply,
    @Doc(
            "ofn-events addition (knative/eventing#5118): the delivery of every filter, and of every"
                + " subscriber without one of its own. Not in Knative's schema.")
        KnDeliverySpec delivery) {}
