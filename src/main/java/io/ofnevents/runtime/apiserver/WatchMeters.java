package io.ofnevents.runtime.apiserver;

import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.runtime.observe.Meters;

/** Counters of the shared watches, tagged with the kind and namespace they watch. */
final class WatchMeters {
  private final MeterRegistry registry;

  WatchMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void relisted(SharedWatch.Key key) {
    Meters.counter(registry, Meters.KN_APISERVER_LISTS, "Full lists of a watched kind", tags(key))
        .increment();
  }

  void restarted(SharedWatch.Key key) {
    Meters.counter(
            registry,
            Meters.KN_APISERVER_WATCH_RESTARTS,
            "Watches of a kind that closed and were resumed from the last change delivered",
            tags(key))
        .increment();
  }

  private static String[] tags(SharedWatch.Key key) {
    return new String[] {
      "apiversion",
      key.apiVersion(),
      "kind",
      key.kind(),
      "namespace",
      key.namespace() == null ? "" : key.namespace()
    };
  }
}
