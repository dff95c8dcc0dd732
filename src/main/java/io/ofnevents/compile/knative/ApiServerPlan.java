package io.ofnevents.compile.knative;

import io.ofnevents.model.knative.ApiServerResource;
import io.ofnevents.model.knative.ApiServerSource;
import java.util.List;
import java.util.Map;

/**
 * What an ApiServerSource runs as: a watch route per resource, each building Knative's event from a
 * change and sending it to the sink (a Broker directly; an HTTP sink through the source's own
 * subject, as a PingSource's ticks).
 *
 * @param filterExpression the `ofn-kn-filter` expression of `spec.filters`, null without filters
 * @param extensions `ceOverrides.extensions`
 */
public record ApiServerPlan(
    ApiServerSource source,
    List<Watch> watches,
    String filterExpression,
    Map<String, String> extensions,
    Hop sink) {

  /** One resource's watch: its route, and its label selector as text (empty: every object). */
  public record Watch(String route, ApiServerResource resource, String selector) {}
}
