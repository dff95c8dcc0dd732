package io.ofnevents.runtime.console;

import com.sun.net.httpserver.HttpHandler;
import io.ofnevents.runtime.ApiToken;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * The console of one runtime (`ofn-events run`, the operator's in-process runtime): records the
 * recent events of its routes and serves the console of its catalog on the management port.
 */
public final class RuntimeConsole {
  /** Events kept per resource. */
  public static final int EVENTS_PER_RESOURCE = 20;

  private final EventRecorder recorder = new EventRecorder(EVENTS_PER_RESOURCE);
  private final Console console;

  public RuntimeConsole(ConsoleCatalog catalog, ApiToken token, Supplier<CamelContext> contexts) {
    console = new Console(ConsoleSource.of(catalog, new RuntimeLive(contexts, recorder)), token);
  }

  /** Feeds the recent events from `context`'s routes; call before its routes are created. */
  public void install(CamelContext context) {
    context.addRoutePolicyFactory(recorder);
  }

  /** Path → handler, for the management server. */
  public Map<String, HttpHandler> handlers() {
    Map<String, HttpHandler> h = new LinkedHashMap<>();
    h.put("/", console.page());
    h.put("/api/", console.api());
    return h;
  }
}
