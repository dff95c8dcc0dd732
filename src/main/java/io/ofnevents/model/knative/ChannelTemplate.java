package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;

/**
 * Knative's `channelTemplate` of a Sequence or Parallel: the kind of channel its steps are joined
 * by. ofn-events joins them by subjects on an event bus, chosen as for a Broker ({@link FlowBus});
 * an `InMemoryChannel` (Knative's default) is served that way as written, another kind with a
 * warning.
 */
public record ChannelTemplate(
    @Doc("API version of the channel kind, e.g. messaging.knative.dev/v1.") String apiVersion,
    @Doc("The channel kind, e.g. InMemoryChannel.") String kind,
    @Doc("The channel's spec; not read (the flow's subjects are on its event bus).") Object spec) {

  /** The kind Knative defaults to, which ofn-events serves as written. */
  public static final String IN_MEMORY = "InMemoryChannel";

  /** The API group of Knative's channels. */
  public static final String MESSAGING_GROUP = "messaging.knative.dev";

  /** Whether this names Knative's InMemoryChannel (any version of messaging.knative.dev). */
  public boolean inMemoryChannel() {
    return IN_MEMORY.equals(kind)
        && (apiVersion == null || apiVersion.startsWith(MESSAGING_GROUP + "/"));
  }
}
