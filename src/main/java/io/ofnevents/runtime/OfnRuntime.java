package io.ofnevents.runtime;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.runtime.bus.BusComponent;
import io.ofnevents.runtime.console.ConsoleCatalog;
import io.ofnevents.runtime.console.EventRecorder;
import io.ofnevents.runtime.console.RuntimeConsole;
import io.ofnevents.runtime.observe.Observability;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a compiled bundle in camel-main: the very YAML `compile` writes, the Kamelets of our
 * catalog, and the management endpoints. {@link #run()} blocks until SIGINT/SIGTERM and then drains
 * in-flight events.
 */
public final class OfnRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OfnRuntime.class);

  /**
   * Camel property that turns off writing our Kamelets into the routes (`-p
   * ofn.kamelets.inline=false`): each use is then a route of its own, as on Camel K.
   */
  public static final String INLINE_KAMELETS = "ofn.kamelets.inline";

  // a consumer not set up by then is still retried; readiness says why
  private static final Duration SETTLE_WAIT = Duration.ofSeconds(60);

  private final Bundle bundle;
  private final RuntimeOptions options;
  private final boolean inline;
  private final Main main = new OfnCamelContext.OfnMain();
  private ManagementServer management;
  private RuntimeConsole console;
  private EventRecorder recorder;

  public OfnRuntime(Bundle bundle, RuntimeOptions options) {
    SecretLoggers.cap();
    this.bundle = bundle;
    this.options = options;
    this.inline = !"false".equals(options.properties().get(INLINE_KAMELETS));
    Properties props = new Properties();
    try {
      props.load(new StringReader(bundle.applicationProperties()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    // Routes come from the bundle in memory, not from files.
    props.remove("camel.main.routes-include-pattern");
    props.setProperty("camel.component.kamelet.location", options.kameletLocation());
    if (options.ingressPort() > 0 && !Ingress.ingresses(bundle).isEmpty()) {
      // platform-http's own server; the management port stays on our JDK server (stack notes)
      props.setProperty("camel.server.enabled", "true");
      props.setProperty("camel.server.port", String.valueOf(options.ingressPort()));
    }
    props.forEach((k, v) -> main.addOverrideProperty((String) k, (String) v));
    bundle.secretLiterals().forEach(main::addOverrideProperty);
    options.properties().forEach(main::addOverrideProperty);
    main.addMainListener(new Listener());
  }

  /**
   * Records the recent events of the routes and serves the web console of `catalog` on the
   * management port; its actions on parked events need the options' {@link ApiToken}. Call before
   * starting.
   */
  public OfnRuntime withConsole(ConsoleCatalog catalog) {
    console = new RuntimeConsole(catalog, options.apiToken(), main::getCamelContext);
    return this;
  }

  /**
   * Records the recent events of the routes into `recorder` (a console served elsewhere: the
   * operator's, over the runtimes it starts one after the other). Call before starting.
   */
  public OfnRuntime withEventRecorder(EventRecorder recorder) {
    this.recorder = recorder;
    return this;
  }

  /** Starts without blocking (the bus consumers set up); for tests and embedding. */
  public void start() throws Exception {
    startManagement();
    try {
      main.start();
      awaitConsumers(main.getCamelContext());
    } catch (Exception | Error e) {
      stopManagement();
      throw e;
    }
  }

  /** Bus consumers are set up concurrently while Camel starts: wait for them to be there. */
  private static void awaitConsumers(CamelContext context) throws InterruptedException {
    if (context != null && context.hasComponent("ofn-bus") instanceof BusComponent bus) {
      bus.awaitSettled(SETTLE_WAIT);
    }
  }

  /** Starts and blocks until the process is asked to stop, then drains and returns. */
  public void run() throws Exception {
    startManagement();
    try {
      main.run();
    } finally {
      stopManagement();
    }
  }

  /** Asks a running {@link #run()} to drain and return. */
  public void requestStop() {
    main.completed();
  }

  public CamelContext context() {
    return main.getCamelContext();
  }

  /** The management port actually bound, or -1 when the management server is off. */
  public int managementPort() {
    return management == null ? -1 : management.port();
  }

  @Override
  public void close() throws Exception {
    stopManagement();
    main.stop();
  }

  private void startManagement() throws IOException {
    if (options.managementPort() > 0 || options.managementPort() == ManagementServer.EPHEMERAL) {
      management =
          new ManagementServer(main::getCamelContext, options.managementPort(), options.apiToken());
      if (console != null) console.handlers().forEach(management::route);
      management.start();
    }
  }

  private void stopManagement() {
    if (management != null) management.stop();
    management = null;
  }

  /** Loads the bundle's routes once Camel is configured, before it starts. */
  private final class Listener extends MainListenerSupport {
    @Override
    public void afterStart(BaseMainSupport m) {
      try {
        awaitConsumers(m.getCamelContext());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void afterConfigure(BaseMainSupport m) {
      CamelContext context = m.getCamelContext();
      SecretOptions.register(context);
      // Failures go back to the bus consumer (which redelivers) instead of Camel's default error
      // handler, which would log every expected sink failure with a stack trace.
      context.getCamelContextExtension().setErrorHandlerFactory(new NoErrorHandlerBuilder());
      context.getManagementStrategy().addEventNotifier(new RouteStartLogger());
      Observability.install(context);
      if (console != null) console.install(context);
      if (recorder != null) context.addRoutePolicyFactory(recorder);
      bundle.notes().forEach(LOG::info);
      Ingress.announce(bundle, options.ingressPort());
      KameletInliner inliner = KameletInliner.at(options.kameletLocation());
      try {
        for (RouteFile file : Ingress.served(bundle, options.ingressPort())) {
          String yaml = inline ? inliner.inline(file.yaml()) : file.yaml();
          PluginHelper.getRoutesLoader(context)
              .loadRoutes(ResourceHelper.fromString(file.fileName(), yaml));
        }
        Ingress.leaveOutFlowIngress(context, bundle, options.ingressPort());
      } catch (Exception e) {
        throw new IllegalStateException("cannot load generated routes: " + e.getMessage(), e);
      }
      LOG.info("Loaded {} route file(s)", bundle.routes().size());
    }
  }
}
