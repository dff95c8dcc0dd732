package io.ofnevents.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.ManagementServer;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.RecordingSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The console draws the Knative kinds from their providers (Broker, Knative Trigger, PingSource):
 * their nodes and edges are in the topology, their counts grow as events flow, and a Knative and an
 * OpenFunction Trigger of the same name are two resources.
 */
class KnConsoleIT {
  private static final String RESOURCES =
      """
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: shop}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: orders}
      spec:
        broker: shop
        subscriber: {uri: SINK/orders}
      ---
      apiVersion: sources.knative.dev/v1
      kind: PingSource
      metadata: {name: heartbeat}
      spec:
        schedule: "*/1 * * * * *"
        sink:
          ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: shop}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default}
      spec: {inMemory: {}}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata: {name: orders}
      spec:
        eventBus: default
        inputs:
          shop: {broker: shop}
        subscribers:
          - condition: shop
            sink: {uri: SINK/of-orders}
      """;

  @Test
  void brokerKnativeTriggerAndPingSourceAreDrawnAndCounted() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      LoadResult loaded =
          YamlLoader.load("kn.yaml", RESOURCES.replace("SINK", sink.url("")), "default");
      Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone("test"));
      assertThat(bundle.hasErrors()).isFalse();
      int ingress = FreePorts.pick();
      try (OfnRuntime runtime =
          new OfnRuntime(
                  bundle,
                  new RuntimeOptions(
                      ManagementServer.EPHEMERAL,
                      RuntimeOptions.CLASSPATH_KAMELETS,
                      Map.of(),
                      ApiToken.none(),
                      ingress))
              .withConsole(ConsoleCatalog.of(loaded, bundle))) {
        runtime.start();
        ConsoleClient api = new ConsoleClient(runtime.managementPort());
        JsonNode t = api.json("/api/topology");
        assertThat(ids(t.get("nodes")))
            .contains(
                "kn-broker:default/shop",
                "kn-trigger:default/orders",
                "kn-pingsource:default/heartbeat",
                "t:default/orders");
        assertThat(ids(t.get("edges")))
            .contains(
                "kn-broker:default/shop->kn-trigger:default/orders",
                "kn-pingsource:default/heartbeat->kn-broker:default/shop",
                "kn-broker:default/shop->t:default/orders");
        assertThat(
                StreamSupport.stream(t.get("kinds").spliterator(), false)
                    .map(k -> k.get("name").asText()))
            .contains("kn-broker", "kn-trigger", "kn-pingsource");

        HttpResponse<String> posted =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + ingress + "/default/shop"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("ce-specversion", "1.0")
                        .header("ce-id", "o1")
                        .header("ce-source", "/t")
                        .header("ce-type", "order")
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  JsonNode nodes = api.json("/api/stats").get("nodes");
                  return nodes
                              .get("kn-broker:default/shop")
                              .get("counts")
                              .get("received")
                              .asDouble()
                          >= 1
                      && nodes
                              .get("kn-trigger:default/orders")
                              .get("counts")
                              .get("delivered")
                              .asDouble()
                          >= 2
                      && nodes
                              .get("kn-pingsource:default/heartbeat")
                              .get("counts")
                              .get("received")
                              .asDouble()
                          >= 1;
                });

        JsonNode knative = api.json("/api/resources/Trigger.eventing.knative.dev/default/orders");
        assertThat(knative.get("kind").asText()).isEqualTo("Trigger.eventing.knative.dev");
        assertThat(knative.get("routes").toString()).contains("kn-trigger-default-orders");
        JsonNode openFunction = api.json("/api/resources/Trigger/default/orders");
        assertThat(openFunction.get("routes").toString()).contains("t-default-orders");
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    api.json("/api/events?resource=Trigger.eventing.knative.dev/default/orders")
                            .get("events")
                            .size()
                        > 0);
      }
    }
  }

  private static List<String> ids(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("id").asText()).toList();
  }
}
