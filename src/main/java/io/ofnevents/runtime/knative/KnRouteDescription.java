package io.ofnevents.runtime.knative;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Knative resource a generated route belongs to, from the description compile/knative gives
 * it (`Trigger.eventing.knative.dev ns/name: events of ...`, `PingSource.sources.knative.dev
 * ns/name: ticks ...`): Kubernetes names contain neither '/' nor ':' nor spaces.
 *
 * @param entry whether events enter the runtime's routes there (a Trigger's consumer, a
 *     PingSource's tick, the consumer of each hop of a Sequence or Parallel), as opposed to a
 *     delivery route they call, or the ingress, whose message is the HTTP answer by the time it
 *     completes
 */
public record KnRouteDescription(ResourceId resource, String detail, boolean entry) {
  private static final Pattern DESCRIPTION = Pattern.compile("(\\S+) ([^/ ]+)/([^: ]+): (.*)");

  public static Optional<KnRouteDescription> of(String description) {
    if (description == null) return Optional.empty();
    Matcher m = DESCRIPTION.matcher(description);
    if (!m.matches()) return Optional.empty();
    Optional<Kind> kind =
        Arrays.stream(Kind.values())
            .filter(Kind::isKnative)
            .filter(k -> k.displayName().equals(m.group(1)))
            .findFirst();
    if (kind.isEmpty()) return Optional.empty();
    String detail = m.group(4);
    boolean entry =
        (kind.get() == Kind.KN_TRIGGER && detail.startsWith("events of "))
            || (kind.get() == Kind.KN_PING_SOURCE && detail.startsWith("ticks ("))
            || (kind.get() == Kind.KN_API_SERVER_SOURCE && detail.startsWith("changes of "))
            || (isFlow(kind.get()) && detail.startsWith("events of "));
    return Optional.of(
        new KnRouteDescription(new ResourceId(kind.get(), m.group(2), m.group(3)), detail, entry));
  }

  private static boolean isFlow(Kind k) {
    return k == Kind.KN_SEQUENCE || k == Kind.KN_PARALLEL;
  }
}
