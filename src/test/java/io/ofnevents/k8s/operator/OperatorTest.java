package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.k8s.camelk.IntegrationFactory;
import io.ofnevents.model.Kind;
import io.ofnevents.model.load.YamlLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.v1.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator in Camel K mode against the fabric8 mock API server (CRUD mode). */
class OperatorTest {
  static final String VERSION = "0.1.0";
  static final Duration WAIT = Duration.ofSeconds(10);

  static final String BUS =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default, namespace: default}
      spec: {inMemory: {}}
      """;
  static final String CLUSTER_BUS =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: ClusterEventBus
      metadata: {name: default}
      spec: {inMemory: {}}
      """;
  static final String SOURCE =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventSource
      metadata: {name: clock, namespace: default}
      spec:
        eventBus: default
        cron:
          tick: {schedule: "@every 2s"}
          chime: {schedule: "*/10 * * * * *"}
      """;
  static final String TRIGGER =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata: {name: watch, namespace: default}
      spec:
        eventBus: default
        inputs:
          tick: {eventSource: clock, event: tick}
        subscribers:
          - condition: tick
            sink: {uri: "http://display.default.svc/ticks"}
      """;

  MockCluster cluster;
  Operator operator;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    operator = Operator.camelK(cluster.client, null, VERSION);
    operator.start();
    await().atMost(WAIT).until(operator::ready);
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
  }

  @Test
  void createsIntegrationsWhoseFlowsAreTheCompiledRoutes() {
    cluster.apply(BUS);
    cluster.apply(SOURCE);
    cluster.apply(TRIGGER);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(cluster.ready(Kind.EVENT_SOURCE, "default", "clock"))
                  .containsEntry("status", "True")
                  .containsEntry("reason", "EventSourceIsReady");
              assertThat(cluster.ready(Kind.TRIGGER, "default", "watch"))
                  .containsEntry("status", "True")
                  .containsEntry("reason", "TriggerIsReady");
            });
    Integration es = cluster.integration("default", "es-clock");
    assertThat(flows(es)).isEqualTo(compiledFlows(BUS + "---\n" + SOURCE, "es-clock"));
    assertThat(es.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("EventSource");
              assertThat(o.getName()).isEqualTo("clock");
              assertThat(o.getController()).isTrue();
            });
    assertThat(es.getSpec().getDependencies())
        .contains("mvn:io.ofnevents:ofn-events-camel:" + VERSION)
        .noneMatch(d -> d.startsWith("mvn:io.ofnevents:ofn-events:"));
    assertThat(cluster.integration("default", "t-watch")).isNotNull();
    assertThat(cluster.kamelets("default"))
        .containsExactly(
            "ofn-cloudevents-action",
            "ofn-cron-source",
            "ofn-http-sink",
            "ofn-inmemory-sink",
            "ofn-inmemory-source",
            "ofn-timer-source");
    Map<String, Object> status =
        cluster.get(Kind.EVENT_SOURCE, "default", "clock").map(StatusWriter::status).orElseThrow();
    assertThat(status)
        .containsEntry("eventBus", "EventBus/default")
        .containsKey("observedGeneration");
    assertThat(cluster.ready(Kind.EVENT_SOURCE, "default", "clock"))
        .containsEntry("observedGeneration", status.get("observedGeneration"))
        .containsKey("lastTransitionTime");
    assertThat(String.valueOf(cluster.ready(Kind.EVENT_SOURCE, "default", "clock").get("message")))
        .contains("Integration es-clock applied", "inMemory");
  }

  @Test
  void anEventRemovedFromTheSpecLeavesNoStaleFlow() {
    cluster.apply(BUS);
    cluster.apply(SOURCE);
    await().atMost(WAIT).until(() -> cluster.integration("default", "es-clock") != null);
    assertThat(routeIds(cluster.integration("default", "es-clock")))
        .containsExactly("es-default-clock-cron-chime", "es-default-clock-cron-tick");
    cluster.apply(SOURCE.replace("  chime: {schedule: \"*/10 * * * * *\"}\n", ""));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(routeIds(cluster.integration("default", "es-clock")))
                    .containsExactly("es-default-clock-cron-tick"));
    // the quartz-based cron Kamelet is no longer used by anyone: deleted
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.kamelets("default"))
                    .doesNotContain("ofn-cron-source")
                    .contains("ofn-timer-source"));
  }

  @Test
  void deletingAResourceDeletesItsIntegrationAndTheKameletsOnlyItUsed() {
    cluster.apply(BUS);
    cluster.apply(SOURCE);
    cluster.apply(TRIGGER);
    await().atMost(WAIT).until(() -> cluster.integration("default", "t-watch") != null);
    await().atMost(WAIT).until(() -> cluster.kamelets("default").contains("ofn-http-sink"));
    cluster.delete(Kind.TRIGGER, "default", "watch");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(cluster.integration("default", "t-watch")).isNull();
              assertThat(cluster.kamelets("default"))
                  .doesNotContain("ofn-http-sink", "ofn-inmemory-source")
                  .contains("ofn-inmemory-sink", "ofn-timer-source");
            });
    assertThat(cluster.integration("default", "es-clock")).isNotNull();
    cluster.delete(Kind.EVENT_SOURCE, "default", "clock");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(cluster.integration("default", "es-clock")).isNull();
              assertThat(cluster.kamelets("default")).isEmpty();
            });
  }

  @Test
  void deletingTheEventBusSwitchesToTheClusterEventBusOfTheSameName() {
    cluster.apply(BUS);
    cluster.apply(CLUSTER_BUS);
    cluster.apply(SOURCE);
    cluster.apply(TRIGGER);
    await().atMost(WAIT).until(() -> "EventBus/default".equals(busOf(Kind.TRIGGER, "watch")));
    cluster.delete(Kind.EVENT_BUS, "default", "default");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(busOf(Kind.EVENT_SOURCE, "clock")).isEqualTo("ClusterEventBus/default");
              assertThat(busOf(Kind.TRIGGER, "watch")).isEqualTo("ClusterEventBus/default");
            });
    assertThat(cluster.ready(Kind.TRIGGER, "default", "watch")).containsEntry("status", "True");
    assertThat(cluster.integration("default", "t-watch")).isNotNull();
  }

  @Test
  void aBusUpdateReconcilesEveryResourceUsingIt() {
    cluster.apply(BUS);
    cluster.apply(SOURCE);
    cluster.apply(TRIGGER);
    await()
        .atMost(WAIT)
        .until(() -> "True".equals(cluster.ready(Kind.TRIGGER, "default", "watch").get("status")));
    cluster.apply(BUS.replace("spec: {inMemory: {}}", "spec: {}"));
    awaitClockAndWatchNotReady(
        "ErrorConfiguration",
        "EventBus default/default is invalid: spec: no specification found for eventBus:"
            + " set one of natsStreaming, nats or inMemory");
    // what ran before keeps running while the resource is in error
    assertThat(cluster.integration("default", "t-watch")).isNotNull();
    cluster.apply(BUS);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.ready(Kind.TRIGGER, "default", "watch"))
                    .containsEntry("status", "True"));
  }

  @Test
  void noBusIsReportedAndTheResourceRecoversWhenTheBusAppears() {
    cluster.apply(SOURCE);
    cluster.apply(TRIGGER);
    awaitClockAndWatchNotReady(
        "ErrorToFindExistEventBus",
        "cannot find EventBus default/default nor ClusterEventBus default");
    assertThat(cluster.integration("default", "es-clock")).isNull();
    // A ClusterEventBus, which upstream's label-keyed watch would never have delivered here.
    cluster.apply(CLUSTER_BUS);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(cluster.ready(Kind.EVENT_SOURCE, "default", "clock"))
                  .containsEntry("status", "True");
              assertThat(cluster.ready(Kind.TRIGGER, "default", "watch"))
                  .containsEntry("status", "True");
              assertThat(cluster.integration("default", "es-clock")).isNotNull();
            });
  }

  @Test
  void invalidSpecsAreReportedWithTheFieldPath() {
    cluster.apply(BUS);
    cluster.apply(SOURCE.replace("tick: {schedule:", "tick: {schedul:"));
    cluster.apply(TRIGGER.replace("condition: tick", "condition: tock"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(cluster.ready(Kind.EVENT_SOURCE, "default", "clock"))
                  .containsEntry("reason", "ErrorConfiguration")
                  .extracting(m -> String.valueOf(m.get("message")))
                  .asString()
                  .contains(
                      "spec.cron.tick.schedul: unknown field \"schedul\" (did you mean \"schedule\"?)");
              assertThat(cluster.ready(Kind.TRIGGER, "default", "watch"))
                  .containsEntry("reason", "ErrorConfiguration")
                  .extracting(m -> String.valueOf(m.get("message")))
                  .asString()
                  .contains("spec.subscribers[0].condition");
            });
  }

  @Test
  void statusStaysBoundedAcrossManyReconciles() {
    cluster.apply(BUS);
    cluster.apply(SOURCE);
    for (int i = 1; i <= 15; i++) {
      cluster.apply(SOURCE.replace("@every 2s", "@every " + i + "s"));
      // a bus spec change (an unused field) re-reconciles the EventSource as well
      cluster.apply(BUS.replace("spec: {inMemory: {}}", "spec: {inMemory: {}, topic: t" + i + "}"));
    }
    cluster.apply(BUS);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(routeIds(cluster.integration("default", "es-clock"))).isNotEmpty();
              assertThat(flows(cluster.integration("default", "es-clock")).toString())
                  .contains("period=15000");
              assertThat(cluster.ready(Kind.EVENT_SOURCE, "default", "clock"))
                  .containsEntry("status", "True");
            });
    assertThat(cluster.conditions(Kind.EVENT_SOURCE, "default", "clock")).hasSize(1);
  }

  @Test
  void sinkRefsAreResolvedFromTheCluster() {
    cluster.apply(BUS);
    String trigger =
        TRIGGER.replace(
            "sink: {uri: \"http://display.default.svc/ticks\"}",
            "sink: {ref: {kind: Service, apiVersion: serving.knative.dev/v1, name: display}}");
    cluster.apply(trigger);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.ready(Kind.TRIGGER, "default", "watch"))
                    .containsEntry("reason", "ErrorGenerateComponent")
                    .containsEntry(
                        "message", "cannot find serving.knative.dev/v1 Service default/display"));
    var ksvc =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("serving.knative.dev/v1")
            .withKind("Service")
            .withNewMetadata()
            .withName("display")
            .withNamespace("default")
            .endMetadata()
            .addToAdditionalProperties(
                "status", Map.of("url", "http://display.default.example.com"))
            .build();
    create("serving.knative.dev", "v1", "services", ksvc);
    // Not watched: the failed reconcile is retried with backoff and finds it.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(flows(cluster.integration("default", "t-watch")).toString())
                    .contains("url=http://display.default.example.com"));
  }

  @Test
  void openFunctionFunctionsResolveToTheirInternalAddress() {
    cluster.apply(BUS);
    var fn =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("core.openfunction.io/v1beta2")
            .withKind("Function")
            .withNewMetadata()
            .withName("sink")
            .withNamespace("fns")
            .endMetadata()
            .addToAdditionalProperties(
                "status",
                Map.of(
                    "addresses",
                    List.of(
                        Map.of("type", "External", "value", "http://sink.example.com/"),
                        Map.of("type", "Internal", "value", "http://sink.fns.svc.cluster.local/"))))
            .build();
    create("core.openfunction.io", "v1beta2", "functions", fn);
    cluster.apply(
        TRIGGER.replace(
            "sink: {uri: \"http://display.default.svc/ticks\"}",
            "sink: {ref: {kind: Function, apiVersion: core.openfunction.io/v1beta2, name: sink, namespace: fns}}"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(flows(cluster.integration("default", "t-watch")).toString())
                    .contains("url=http://sink.fns.svc.cluster.local/"));
  }

  private void create(
      String group,
      String version,
      String plural,
      io.fabric8.kubernetes.api.model.GenericKubernetesResource r) {
    var ctx =
        new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup(group)
            .withVersion(version)
            .withKind(r.getKind())
            .withPlural(plural)
            .withNamespaced(true)
            .build();
    cluster
        .client
        .genericKubernetesResources(ctx)
        .inNamespace(r.getMetadata().getNamespace())
        .resource(r)
        .create();
  }

  private String busOf(Kind kind, String name) {
    return cluster
        .get(kind, "default", name)
        .map(StatusWriter::status)
        .map(s -> (String) s.get("eventBus"))
        .orElse(null);
  }

  static List<Object> flows(Integration it) {
    if (it == null) return List.of();
    return it.getSpec().getFlows().stream().map(f -> (Object) f.getAdditionalProperties()).toList();
  }

  static List<Object> routeIds(Integration it) {
    if (it == null) return List.of();
    return it.getSpec().getFlows().stream()
        .map(f -> ((Map<?, ?>) f.getAdditionalProperties().get("route")).get("id"))
        .map(Object.class::cast)
        .sorted(java.util.Comparator.comparing(String::valueOf))
        .toList();
  }

  static List<Object> compiledFlows(String yaml, String integration) {
    Bundle bundle =
        Compiler.compile(
            YamlLoader.load("x", yaml, "default").resources(), CompileOptions.standalone(VERSION));
    RouteFile file =
        bundle.routes().stream()
            .filter(f -> io.ofnevents.compile.Names.integration(f.resource()).equals(integration))
            .findFirst()
            .orElseThrow();
    return IntegrationFactory.flows(file.yaml()).stream()
        .map(f -> (Object) f.getAdditionalProperties())
        .toList();
  }

  /** Waits until EventSource `clock` and Trigger `watch` are both Ready=False for this reason. */
  private void awaitClockAndWatchNotReady(String reason, String message) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertNotReady(cluster.ready(Kind.EVENT_SOURCE, "default", "clock"), reason, message);
              assertNotReady(cluster.ready(Kind.TRIGGER, "default", "watch"), reason, message);
            });
  }

  private static void assertNotReady(Map<String, Object> ready, String reason, String message) {
    assertThat(ready)
        .containsEntry("status", "False")
        .containsEntry("reason", reason)
        .containsEntry("message", message);
  }
}
