package io.ofnevents.model.validate;

import io.ofnevents.model.EventSource;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.Subscriber;
import io.ofnevents.model.Trigger;
import io.ofnevents.model.address.Addressing;
import java.util.List;

/** The sink refs of the OpenFunction kinds resolve through the shared destination resolver. */
final class OpenFunctionSinks {
  private OpenFunctionSinks() {}

  static void check(Resource res, ResourceSet all, Addressing a, Reporter r) {
    if (res instanceof EventSource es && es.spec() != null) {
      sink(es.spec().sink(), "spec.sink", res, all, a, r);
      if (es.spec().delivery() != null) {
        sink(es.spec().delivery().deadLetterSink(), "spec.delivery.deadLetterSink", res, all, a, r);
      }
    }
    if (res instanceof Trigger t && t.spec() != null && t.spec().subscribers() != null) {
      List<Subscriber> subs = t.spec().subscribers();
      for (int i = 0; i < subs.size(); i++) {
        if (subs.get(i) == null) continue;
        String path = FieldPath.index("spec.subscribers", i);
        sink(subs.get(i).sink(), FieldPath.join(path, "sink"), res, all, a, r);
        sink(subs.get(i).deadLetterSink(), FieldPath.join(path, "deadLetterSink"), res, all, a, r);
      }
    }
  }

  private static void sink(
      SinkSpec s, String path, Resource res, ResourceSet all, Addressing a, Reporter r) {
    DestinationRules.openFunction(s, path, res.namespace(), all, a, r);
  }
}
