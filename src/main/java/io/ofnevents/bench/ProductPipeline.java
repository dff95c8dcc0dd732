package io.ofnevents.bench;

import io.ofnevents.cli.Version;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.compile.Names;
import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.model.validate.Validator;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.runtime.console.ConsoleCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Route;

/**
 * The product's path: an EventBus on JetStream and a Trigger whose subscribers' condition needs
 * both of its inputs, loaded, validated and compiled by the real compiler and run in {@link
 * OfnRuntime} (management port off, the console's event recorder on), exactly as `ofn-events run`
 * would.
 */
final class ProductPipeline implements Drainable, AutoCloseable {
  static final List<String> EVENTS = List.of("a", "b");

  /**
   * Name prefixes of the runtime's threads on this path: the bus consumers and workers, the NATS
   * connection's own threads (named after it), Camel's.
   */
  static final PathThreads THREADS =
      PathThreads.named(List.of("ofn-jetstream-", "ofn-events ", "Camel "));

  private final OfnRuntime runtime;

  private ProductPipeline(OfnRuntime runtime) {
    this.runtime = runtime;
  }

  /** The bus subjects the Trigger reads: the topics of EventSource `bench`'s events. */
  static List<String> subjects() {
    return EVENTS.stream().map(e -> Names.topic("default", "bench", e)).toList();
  }

  static ProductPipeline start(String natsUrl, List<String> sinkUrls, int concurrency)
      throws Exception {
    String yaml = resources(natsUrl, sinkUrls, concurrency);
    Bundle bundle = compile(yaml);
    // the console's event recorder is on, as in `ofn-events run` (its page is not served here)
    ConsoleCatalog catalog =
        ConsoleCatalog.of(YamlLoader.load("bench.yaml", yaml, "default"), bundle);
    OfnRuntime runtime =
        new OfnRuntime(bundle, new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()))
            .withConsole(catalog);
    runtime.start();
    return new ProductPipeline(runtime);
  }

  static String resources(String natsUrl, List<String> sinkUrls, int concurrency) {
    StringBuilder y = new StringBuilder();
    y.append(
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: bench}
        spec:
          nats:
            url: %s
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: bench}
        spec:
          eventBus: bench
          concurrency: %d
          # the join holds for the whole run once both inputs have been seen
          conditionState: {window: 1h}
          inputs:
            a: {eventSource: bench, event: a}
            b: {eventSource: bench, event: b}
          subscribers:
        """
            .formatted(natsUrl, concurrency));
    for (String url : sinkUrls) {
      y.append("    - condition: a && b\n");
      y.append("      sink: {uri: \"").append(url).append("\"}\n");
    }
    return y.toString();
  }

  /** Loads, validates and compiles like `ofn-events run`; any error is a bug of the benchmark. */
  static Bundle compile(String yaml) {
    LoadResult loaded = YamlLoader.load("bench.yaml", yaml, "default");
    List<Problem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(Validator.validate(loaded.resources()));
    Bundle bundle =
        Compiler.compile(loaded.resources(), CompileOptions.standalone(Version.current()));
    problems.addAll(bundle.problems());
    List<Problem> errors = problems.stream().filter(Problem::isError).toList();
    if (!errors.isEmpty()) {
      throw new IllegalStateException("benchmark resources are invalid: " + errors.get(0).format());
    }
    return bundle;
  }

  /** Stops the Trigger's input routes: their durables stay, and keep their position. */
  @Override
  public void pause() throws Exception {
    for (String id : inputRoutes()) runtime.context().getRouteController().stopRoute(id);
  }

  @Override
  public void resume() throws Exception {
    for (String id : inputRoutes()) runtime.context().getRouteController().startRoute(id);
  }

  private List<String> inputRoutes() {
    return runtime.context().getRoutes().stream()
        .map(Route::getRouteId)
        .filter(id -> id.startsWith("t-default-bench-in-"))
        .toList();
  }

  @Override
  public void close() throws Exception {
    runtime.close();
  }
}
