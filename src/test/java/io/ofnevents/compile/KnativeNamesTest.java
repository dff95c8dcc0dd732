package io.ofnevents.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names of the Knative kinds never meet the OpenFunction ones (the argument is in Names). */
class KnativeNamesTest {
  /** Namespaces (DNS labels) and names chosen to provoke collisions: '-', '.', the prefixes. */
  static final List<String> NAMESPACES = List.of("a", "kn", "a-b", "kn-trigger", "t", "es");

  static final List<String> NAMES =
      List.of("a", "b", "a-b", "a.b", "kn", "kn.a", "b.kn", "trigger", "kn-trigger-a", "default");

  static final List<String> EVENTS = List.of("a", "b", "a.b", "kn", "a-b", "B_c", "kn.a.b");

  @Test
  void noBrokerSubjectIsAnOpenFunctionTopic() {
    Set<String> topics = new HashSet<>();
    for (String ns : NAMESPACES)
      for (String es : NAMES) for (String ev : EVENTS) topics.add(Names.topic(ns, es, ev));
    Set<String> subjects = new HashSet<>();
    for (String ns : NAMESPACES) for (String b : NAMES) subjects.add(Names.brokerSubject(ns, b));
    assertThat(subjects)
        .hasSize(NAMESPACES.size() * NAMES.size())
        .doesNotContainAnyElementsOf(topics);
    assertThat(Names.brokerSubject("default", "default")).isEqualTo("kn.default.default");
  }

  @Test
  void theOtherKnativeSubjectsMeetNoTopicNoBrokerSubjectAndNoOtherOne() {
    Set<String> taken = new HashSet<>();
    for (String ns : NAMESPACES) {
      for (String n : NAMES) {
        for (String ev : EVENTS) taken.add(Names.topic(ns, n, ev));
        taken.add(Names.brokerSubject(ns, n));
        taken.add(Names.triggerParked(ns, n));
      }
    }
    Set<String> ours = new HashSet<>();
    for (String ns : NAMESPACES) {
      for (String n : NAMES) {
        ours.add(Names.pingSubject(ns, n));
        ours.add(Names.pingParked(ns, n));
        ours.add(Names.knTriggerParked(ns, n));
      }
    }
    assertThat(ours)
        .hasSize(3 * NAMESPACES.size() * NAMES.size())
        .doesNotContainAnyElementsOf(taken);
    assertThat(Names.knTriggerParked("default", "t")).isEqualTo("knparked.default.t");
    assertThat(Names.pingSubject("default", "p")).isEqualTo("knping.default.p");
  }

  @Test
  void parkedEventOwnersOfTheKnativeKindsAreNoTriggerName() {
    // ':' is in no Kubernetes name, so no OpenFunction Trigger is called like these
    assertThat(Names.knTriggerParkingOwner("t")).isEqualTo("kn-trigger:t");
    assertThat(Names.pingParkingOwner("p")).isEqualTo("pingsource:p");
  }

  @Test
  void routeFilesIntegrationsAndRouteIdsOfTheTwoTriggersNeverMeet() {
    Set<String> openFunction = new HashSet<>();
    Set<String> knative = new HashSet<>();
    for (String ns : NAMESPACES) {
      for (String n : NAMES) {
        for (Kind k : Kind.values()) {
          ResourceId id = new ResourceId(k, k.namespaced() ? ns : null, n);
          Set<String> into = k.isKnative() ? knative : openFunction;
          into.add("file:" + Names.routeFile(id));
          into.add("integration:" + ns + "/" + Names.integration(id));
          into.add("secret:" + ns + "/" + Names.integrationSecret(id));
        }
        openFunction.add("route:" + Names.triggerRoute(ns, n));
        openFunction.add("route:" + Names.triggerInputRoute(ns, n, 0));
        openFunction.add("route:" + Names.eventSourceRoute(ns, n, "cron", "a"));
        knative.add("route:" + Names.knTriggerRoute(ns, n));
        knative.add("route:" + Names.brokerRoute(ns, n));
        knative.add("route:" + Names.pingRoute(ns, n));
        knative.add("route:" + Names.knTriggerDeliveryRoute(ns, n));
        knative.add("route:" + Names.pingInputRoute(ns, n));
        knative.add("route:" + Names.pingDeliveryRoute(ns, n));
      }
    }
    assertThat(knative).doesNotContainAnyElementsOf(openFunction);
    assertThat(Names.routeFile(new ResourceId(Kind.KN_TRIGGER, "default", "t")))
        .isEqualTo("kn-trigger-default-t.camel.yaml");
    assertThat(Names.routeFile(new ResourceId(Kind.TRIGGER, "default", "t")))
        .isEqualTo("trigger-default-t.camel.yaml");
    assertThat(Names.integration(new ResourceId(Kind.KN_PING_SOURCE, "default", "p")))
        .isEqualTo("kn-pingsource-p");
  }

  @Test
  void knativeNamesFollowTheDocumentedSchemes() {
    assertThat(Names.knTriggerConsumer("default", "t")).isEqualTo("default-kn-trigger-t");
    assertThat(Names.pingCeSource("default", "ping-source"))
        .isEqualTo("/apis/v1/namespaces/default/pingsources/ping-source");
    assertThat(Names.stream(Names.brokerSubject("default", "default")))
        .matches("OFN_kn_default_default_[0-9a-f]{8}");
  }
}
