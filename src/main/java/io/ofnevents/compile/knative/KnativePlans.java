package io.ofnevents.compile.knative;

import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Names;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.address.Destinations;
import io.ofnevents.model.address.Target;
import io.ofnevents.model.cron.CronSyntaxException;
import io.ofnevents.model.cron.CronTranslator;
import io.ofnevents.model.filter.TriggerFilters;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.BrokerBus;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KnDelivery;
import io.ofnevents.model.knative.KnFlow;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.model.knative.Parallel;
import io.ofnevents.model.knative.PingSource;
import io.ofnevents.model.knative.PingSourceSpec;
import io.ofnevents.model.knative.Sequence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved model of the Knative kinds of a validated input: every name from {@link Names},
 * every destination resolved, every filter compiled, every default applied. What the Knative route
 * compiler and the runtime build on. Pure.
 *
 * @param problems destinations that did not resolve (validation reports them first in strict runs)
 */
public record KnativePlans(
    Map<ResourceId, BrokerPlan> brokers,
    List<TriggerPlan> triggers,
    List<PingPlan> pings,
    List<FlowPlan> flows,
    List<Problem> problems) {

  /** Plans every Broker, Knative Trigger, PingSource, Sequence and Parallel of `all`. */
  public static KnativePlans of(ResourceSet all, CompileOptions options) {
    List<Problem> problems = new ArrayList<>();
    Map<ResourceId, BrokerPlan> brokers = new LinkedHashMap<>();
    for (Broker b : all.brokers()) {
      brokers.put(
          b.id(),
          new BrokerPlan(
              b,
              BrokerBus.of(b, all),
              Names.brokerSubject(b.namespace(), b.name()),
              Names.brokerRoute(b.namespace(), b.name()),
              KnDelivery.ofBroker(b)));
    }
    Resolver hops = Resolver.of(all, options, brokers, problems);
    List<TriggerPlan> triggers = new ArrayList<>();
    for (KnTrigger t : all.knTriggers()) {
      BrokerPlan broker =
          brokers.get(new ResourceId(Kind.KN_BROKER, t.namespace(), t.brokerName()));
      KnDelivery delivery = KnDelivery.ofTrigger(t.spec(), broker == null ? null : broker.broker());
      triggers.add(
          new TriggerPlan(
              t,
              broker,
              Names.knTriggerConsumer(t.namespace(), t.name()),
              Names.knTriggerRoute(t.namespace(), t.name()),
              TriggerFilters.expression(t.spec().filter(), t.spec().filters()),
              TriggerFilters.compile(
                  TriggerFilters.effective(t.spec().filter(), t.spec().filters())),
              hops.hop(t.spec().subscriber(), t.id(), "spec.subscriber"),
              delivery,
              delivery.deadLetterSink() == null
                  ? null
                  : hops.hop(delivery.deadLetterSink(), t.id(), "spec.delivery.deadLetterSink")));
    }
    List<PingPlan> pings = new ArrayList<>();
    for (PingSource p : all.pingSources()) pings.add(ping(p, hops, problems));
    List<FlowPlan> flows = new ArrayList<>();
    for (Sequence s : all.sequences()) {
      if (s.spec() != null && s.spec().steps() != null && !s.spec().steps().isEmpty()) {
        flows.add(FlowPlanner.sequence(s, all, hops));
      }
    }
    for (Parallel p : all.parallels()) {
      if (p.spec() != null && p.spec().branches() != null && !p.spec().branches().isEmpty()) {
        flows.add(FlowPlanner.parallel(p, all, hops));
      }
    }
    return new KnativePlans(
        Map.copyOf(brokers),
        List.copyOf(triggers),
        List.copyOf(pings),
        List.copyOf(flows),
        List.copyOf(problems));
  }

  private static PingPlan ping(PingSource p, Resolver hops, List<Problem> problems) {
    PingSourceSpec s = p.spec();
    String schedule = s.scheduleOrDefault();
    if (s.timezone() != null && !s.timezone().isEmpty())
      schedule = "CRON_TZ=" + s.timezone() + " " + schedule;
    io.ofnevents.model.cron.CronTranslation cron = null;
    try {
      cron = CronTranslator.translate(schedule);
    } catch (CronSyntaxException e) {
      problems.add(Problem.error(null, 0, p.id(), "spec.schedule", e.getMessage()));
    }
    byte[] data =
        s.dataBase64() != null && !s.dataBase64().isEmpty()
            ? Base64.getDecoder().decode(s.dataBase64())
            : s.data() == null ? new byte[0] : s.data().getBytes(StandardCharsets.UTF_8);
    Map<String, String> ext =
        s.ceOverrides() == null || s.ceOverrides().extensions() == null
            ? Map.of()
            : new TreeMap<>(s.ceOverrides().extensions());
    return new PingPlan(
        p,
        Names.pingRoute(p.namespace(), p.name()),
        cron,
        Names.pingCeSource(p.namespace(), p.name()),
        Names.PING_TYPE,
        data,
        s.contentType() == null || s.contentType().isEmpty() ? null : s.contentType(),
        ext,
        hops.hop(s.sink(), p.id(), "spec.sink"));
  }

  /**
   * Destinations to hops, through the shared resolver: a Broker, Sequence or Parallel of the input
   * is its (first) subject.
   *
   * @param entries the subject events enter each flow of the input by
   */
  record Resolver(
      ResourceSet all,
      CompileOptions options,
      Map<ResourceId, BrokerPlan> brokers,
      Map<ResourceId, String> entries,
      List<Problem> problems) {
    /** The resolver of `all`, whose flows are entered by their first subject. */
    static Resolver of(
        ResourceSet all,
        CompileOptions options,
        Map<ResourceId, BrokerPlan> brokers,
        List<Problem> problems) {
      Map<ResourceId, String> entries = new LinkedHashMap<>();
      for (KnFlow f : all.flows()) entries.put(f.id(), FlowPlanner.entry(f));
      return new Resolver(all, options, brokers, entries, problems);
    }

    Hop hop(Destination d, ResourceId owner, String path) {
      Target t = Destinations.resolve(d, owner.namespace(), all, options.addressing());
      Hop h = of(t);
      if (h != null) return h;
      String why = t instanceof Target.Unresolved u ? u.message() : a(t) + " is not in this input";
      problems.add(Problem.error(null, 0, owner, path, why));
      return null;
    }

    /** The hop of `d`, or null when it does not resolve (reported by {@link #hop}). */
    Hop peek(Destination d, ResourceId owner) {
      return of(Destinations.resolve(d, owner.namespace(), all, options.addressing()));
    }

    private Hop of(Target t) {
      if (t instanceof Target.Url u) return new Hop.Http(u.url());
      if (t instanceof Target.Addressable a && brokers.containsKey(a.resource())) {
        return new Hop.Subject(a.resource(), brokers.get(a.resource()).subject());
      }
      if (t instanceof Target.Addressable a && entries.containsKey(a.resource())) {
        return new Hop.Subject(a.resource(), entries.get(a.resource()));
      }
      return null;
    }

    private static String a(Target t) {
      return ((Target.Addressable) t).resource().toString();
    }
  }
}
