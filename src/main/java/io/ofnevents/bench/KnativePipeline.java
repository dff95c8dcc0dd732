package io.ofnevents.bench;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.Names;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import java.util.List;
import java.util.Map;
import org.apache.camel.Route;

/**
 * The Knative path: a Broker on the benchmark's JetStream and one Knative Trigger with an attribute
 * filter on the events' type and the sink as its subscriber, compiled and run in {@link OfnRuntime}
 * as `ofn-events run` would (the ingress off: the drain reads what the ingress would have stored).
 * Started after the OpenFunction runtime is closed, so that the two runtimes' threads, which have
 * the same names, are never counted for each other.
 */
final class KnativePipeline implements Drainable, AutoCloseable {
  static final String BROKER = "bench";
  static final String TRIGGER = "bench";

  /** The runtime's threads: the same as the OpenFunction path's. */
  static final PathThreads THREADS = ProductPipeline.THREADS;

  private final OfnRuntime runtime;

  private KnativePipeline(OfnRuntime runtime) {
    this.runtime = runtime;
  }

  /** The Broker's subject: the one the Trigger's durable consumer reads. */
  static List<String> subjects() {
    return List.of(Names.brokerSubject("default", BROKER));
  }

  static KnativePipeline start(String natsUrl, List<String> sinkUrls, int concurrency)
      throws Exception {
    Bundle bundle = ProductPipeline.compile(resources(natsUrl, sinkUrls, concurrency));
    OfnRuntime runtime =
        new OfnRuntime(bundle, new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()));
    runtime.start();
    return new KnativePipeline(runtime);
  }

  /**
   * The Broker and its Trigger; with several sinks, one Trigger per sink (a Knative Trigger has one
   * subscriber), each with its own durable consumer of the Broker's subject.
   */
  static String resources(String natsUrl, List<String> sinkUrls, int concurrency) {
    StringBuilder y = new StringBuilder();
    y.append(
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats:
            url: %s
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: {name: %s}
        """
            .formatted(natsUrl, BROKER));
    for (int i = 0; i < sinkUrls.size(); i++) {
      y.append(
          """
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Trigger
          metadata:
            name: %s
            annotations: {%s: "%d"}
          spec:
            broker: %s
            filter: {attributes: {type: %s}}
            subscriber: {uri: "%s"}
          """
              .formatted(
                  trigger(i),
                  KnTrigger.CONCURRENCY_ANNOTATION,
                  concurrency,
                  BROKER,
                  Publisher.TYPE,
                  sinkUrls.get(i)));
    }
    return y.toString();
  }

  private static String trigger(int i) {
    return i == 0 ? TRIGGER : TRIGGER + "-" + i;
  }

  /** Stops the Triggers' consuming routes: their durables stay, and keep their position. */
  @Override
  public void pause() throws Exception {
    for (String id : consumerRoutes()) runtime.context().getRouteController().stopRoute(id);
  }

  @Override
  public void resume() throws Exception {
    for (String id : consumerRoutes()) runtime.context().getRouteController().startRoute(id);
  }

  private List<String> consumerRoutes() {
    String prefix = Names.knTriggerRoute("default", TRIGGER);
    return runtime.context().getRoutes().stream()
        .map(Route::getRouteId)
        .filter(id -> id.startsWith(prefix) && !id.endsWith("-deliver"))
        .toList();
  }

  @Override
  public void close() throws Exception {
    runtime.close();
  }
}
