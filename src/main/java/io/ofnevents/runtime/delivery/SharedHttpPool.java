package io.ofnevents.runtime.delivery;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;

/**
 * One bounded connection pool for every HTTP sink of a context, set on camel-http's `http` and
 * `https` components. Without it camel-http makes a pool, a TLS context and a socket registry per
 * endpoint: with 1,000 Triggers, 1,000 pools of up to 20 connections per host each. Each sink
 * endpoint keeps its own light client on the pool (its timeouts). Not installed where the user
 * configured camel-http's pool or TLS: their settings win.
 */
final class SharedHttpPool {
  private final PoolingHttpClientConnectionManager pool;
  private final List<HttpComponent> components;

  private SharedHttpPool(PoolingHttpClientConnectionManager pool, List<HttpComponent> components) {
    this.pool = pool;
    this.components = components;
  }

  /** Installs a pool of `max` connections, `perHost` to one host; null when the user has one. */
  static SharedHttpPool install(CamelContext context, int max, int perHost) {
    List<HttpComponent> components = new ArrayList<>();
    for (String scheme : List.of("http", "https")) {
      HttpComponent c = context.getComponent(scheme, HttpComponent.class);
      if (c == null) continue;
      if (c.getClientConnectionManager() != null
          || c.getSslContextParameters() != null
          || c.isUseGlobalSslContextParameters()) {
        return null;
      }
      components.add(c);
    }
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(max)
            .setMaxConnPerRoute(perHost)
            .build();
    components.forEach(c -> c.setClientConnectionManager(pool));
    return new SharedHttpPool(pool, components);
  }

  /** Connections in use or kept alive, for tests and the bench. */
  int connections() {
    return pool.getTotalStats().getLeased() + pool.getTotalStats().getAvailable();
  }

  void close() {
    for (HttpComponent c : components) {
      if (c.getClientConnectionManager() == pool) c.setClientConnectionManager(null);
    }
    pool.close(CloseMode.GRACEFUL);
  }
}
