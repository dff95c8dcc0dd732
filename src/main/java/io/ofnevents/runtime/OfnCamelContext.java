package io.ofnevents.runtime;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Ordered;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.StartupListener;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Camel's context, minus two start-up costs that grow with the square of the routes (1,000 Triggers
 * and EventSources are ~9,000 routes with their Kamelets' and ~20,000 endpoints):
 *
 * <ul>
 *   <li>Camel removes any route of the same id before it adds one (every Kamelet endpoint adds a
 *       route while the context starts), and its removal first gathers the endpoints of every route
 *       there is, before it looks the id up: a quarter of the start-up CPU at 100 Triggers. A route
 *       that does not exist is not looked for here.
 *   <li>Endpoints made before the context started are kept in a copy-on-write set until it has,
 *       each addition copying and comparing (by URI) all before it: a fifth of the start-up CPU at
 *       1,000 Triggers. Here they wait in a hash set and are started at the same moment.
 * </ul>
 */
final class OfnCamelContext extends DefaultCamelContext {
  // Camel's DeferServiceStartupListener order: started at the same point of the start-up
  private static final int DEFERRED_ORDER = Integer.MAX_VALUE - 1000;
  private final Set<Endpoint> deferred = new LinkedHashSet<>();

  OfnCamelContext() {
    super(false);
    try {
      addStartupListener(new DeferredEndpoints());
    } catch (Exception e) {
      throw new IllegalStateException(e); // only a started context would start the listener
    }
  }

  @Override
  public void deferStartService(Object object, boolean stopOnShutdown) {
    if (object instanceof Endpoint endpoint && !isStarted()) {
      synchronized (deferred) {
        deferred.add(endpoint);
      }
      return;
    }
    super.deferStartService(object, stopOnShutdown);
  }

  /** Starts the endpoints made before the context started, as Camel's own listener would. */
  private final class DeferredEndpoints implements StartupListener, Ordered {
    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted)
        throws Exception {
      while (true) {
        Endpoint next;
        synchronized (deferred) {
          Iterator<Endpoint> it = deferred.iterator();
          if (!it.hasNext()) return;
          next = it.next();
          it.remove();
        }
        try {
          ServiceHelper.startService(next);
        } catch (Exception e) {
          throw new ResolveEndpointFailedException(next.getEndpointUri(), e);
        }
      }
    }

    @Override
    public int getOrder() {
      return DEFERRED_ORDER;
    }
  }

  @Override
  protected boolean removeRoute(String routeId, LoggingLevel loggingLevel) throws Exception {
    getLock().lock();
    try {
      if (routeId != null && !getRouteServices().containsKey(routeId)) return false;
    } finally {
      getLock().unlock();
    }
    return super.removeRoute(routeId, loggingLevel);
  }

  /** camel-main creating {@link OfnCamelContext}, set up as {@link Main} sets up its own. */
  static final class OfnMain extends Main {
    @Override
    protected CamelContext createCamelContext() {
      OfnCamelContext context = new OfnCamelContext();
      context.getCamelContextExtension().setRegistry(registry);
      Class<?> main = mainClass != null ? mainClass : getClass();
      context.getGlobalOptions().put("CamelMainClass", main.getName());
      return context;
    }
  }
}
