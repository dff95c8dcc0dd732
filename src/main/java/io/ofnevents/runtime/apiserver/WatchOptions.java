package io.ofnevents.runtime.apiserver;

import io.ofnevents.model.knative.Selectors;
import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.bus.BusOptions;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.camel.ResolveEndpointFailedException;

/**
 * The parameters of an `ofn-apiserver:APIVERSION/KIND` endpoint: whose watch it is (`source`),
 * which namespaces (`namespace`, `allNamespaces` or `namespaceSelector`), which objects
 * (`selector`, `owner`), whether existing objects are announced at the first start (`initialList`),
 * and where it resumes (`state=memory`, or `nats` with the bus's connection).
 */
record WatchOptions(
    String apiVersion,
    String kind,
    String source,
    String namespace,
    boolean allNamespaces,
    String namespaceSelector,
    String selector,
    OwnerFilter owner,
    boolean initialList,
    String serviceAccountName,
    BusOptions state) {

  static WatchOptions read(String uri, String remaining, Map<String, Object> parameters) {
    int slash = remaining.lastIndexOf('/');
    if (slash < 1 || slash == remaining.length() - 1) {
      throw new ResolveEndpointFailedException(uri, remaining + " is not APIVERSION/KIND");
    }
    EndpointOptions o = new EndpointOptions(uri, parameters);
    String source = o.required("source");
    String namespace = o.string("namespace", null);
    boolean all = o.bool("allNamespaces", false);
    String nsSelector = o.string("namespaceSelector", null);
    int given = (namespace != null ? 1 : 0) + (all ? 1 : 0) + (nsSelector != null ? 1 : 0);
    if (given != 1) {
      throw new ResolveEndpointFailedException(
          uri, "give exactly one of namespace, allNamespaces=true and namespaceSelector");
    }
    String selector = o.string("selector", "");
    try {
      Selectors.parse(selector);
      if (nsSelector != null) Selectors.parse(nsSelector);
    } catch (IllegalArgumentException e) {
      throw new ResolveEndpointFailedException(uri, e.getMessage());
    }
    OwnerFilter owner = OwnerFilter.parse(o.string("owner", null));
    boolean initialList = o.bool("initialList", false);
    String sa = o.string("serviceAccountName", null);
    BusOptions state = null;
    if (o.oneOf("state", "memory", "memory", "nats").equals("nats")) {
      o.oneOf("mode", "jetstream", "jetstream");
      state = BusOptions.read(o);
    }
    o.rejectUnknown();
    return new WatchOptions(
        remaining.substring(0, slash),
        remaining.substring(slash + 1),
        source,
        namespace,
        all,
        nsSelector,
        selector,
        owner,
        initialList,
        sa,
        state);
  }

  Predicate<Map<String, String>> labels() {
    return Selectors.parse(selector);
  }

  /** `apps/v1 Deployment`. */
  String describe() {
    return apiVersion + " " + kind;
  }
}
