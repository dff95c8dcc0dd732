package io.ofnevents.compile;

import io.ofnevents.compile.knative.KnSteps;
import io.ofnevents.model.DeliverySpec;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.address.Target;
import java.util.List;

/**
 * The steps delivering to an OpenFunction `sink` (or dead-letter sink): an HTTP POST with the
 * OpenFunction delivery, or, for a `ref` to a Knative Broker, Sequence or Parallel, entering it
 * (its door's TTL rules, then its first subject) with no HTTP hop.
 */
final class Sinks {
  private Sinks() {}

  /**
   * The steps for `sink` at `path` of `owner`: an HTTP sink inside the dead-letter steps' `doTry`,
   * or a Broker or flow (a publish failure is not a delivery a dead letter takes: the event stays
   * on the bus or in its source, as for a topic).
   *
   * @param dedupScope what makes this sink's publishes onto a Broker or flow distinct from others
   *     of the same event (the subscriber), as for topics
   */
  static List<Object> steps(
      SinkSpec sink,
      DeliverySpec delivery,
      List<Object> deadLetter,
      ResourceId owner,
      String path,
      String dedupScope,
      Kamelets used,
      Compilation c) {
    Target t = c.target(sink, owner, path);
    if (t instanceof Target.Addressable a) {
      return KnSteps.enter(a.resource(), dedupScope, new KnSteps.Ctx(c, used, owner));
    }
    String url = t instanceof Target.Url u ? u.url() : "http://unresolved.invalid/";
    return SinkEndpoints.withDeadLetter(SinkEndpoints.http(url, delivery, used), deadLetter);
  }
}
