package io.ofnevents.compile.knative;

import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Names;
import io.ofnevents.model.Problem;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.filter.TriggerFilters;
import io.ofnevents.model.knative.ApiServerResource;
import io.ofnevents.model.knative.ApiServerSource;
import io.ofnevents.model.knative.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Plans every ApiServerSource of a run, its sink resolved as every Knative destination. */
final class ApiServerPlans {
  private ApiServerPlans() {}

  static List<ApiServerPlan> of(
      ResourceSet all, CompileOptions options, KnativePlans plans, List<Problem> problems) {
    KnativePlans.Resolver hops = KnativePlans.Resolver.of(all, options, plans.brokers(), problems);
    List<ApiServerPlan> out = new ArrayList<>();
    for (ApiServerSource s : all.apiServerSources()) {
      List<ApiServerPlan.Watch> watches = new ArrayList<>();
      List<ApiServerResource> resources = s.resourcesOrEmpty();
      for (int i = 0; i < resources.size(); i++) {
        ApiServerResource r = resources.get(i);
        watches.add(
            new ApiServerPlan.Watch(
                Names.apiServerRoute(s.namespace(), s.name(), i),
                r,
                Selectors.format(r.selector())));
      }
      var filters = s.spec().filters();
      Map<String, String> ext =
          s.spec().ceOverrides() == null || s.spec().ceOverrides().extensions() == null
              ? Map.of()
              : new TreeMap<>(s.spec().ceOverrides().extensions());
      out.add(
          new ApiServerPlan(
              s,
              List.copyOf(watches),
              filters == null || filters.isEmpty()
                  ? null
                  : TriggerFilters.expression(null, filters),
              ext,
              s.spec().sink() == null ? null : hops.hop(s.spec().sink(), s.id(), "spec.sink")));
    }
    return List.copyOf(out);
  }
}
