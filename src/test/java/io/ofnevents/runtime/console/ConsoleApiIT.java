package io.ofnevents.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.Yamls;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's JSON API on a running runtime: the quickstart on the in-memory bus with a third
 * subscriber whose sink always answers 503 (dead-lettered), served on an ephemeral management port.
 */
class ConsoleApiIT {
  static final Duration WAIT = Duration.ofSeconds(40);
  static RecordingSink sink;
  static OfnRuntime runtime;
  static ConsoleClient api;

  @BeforeAll
  static void start() throws Exception {
    sink = RecordingSink.start();
    sink.respondWith(r -> r.path().equals("/down") ? 503 : 200);
    List<LoadResult> parts = new ArrayList<>();
    for (Path f : Yamls.yamlFiles(Path.of("examples/quickstart"))) {
      String text = Files.readString(f).replace("http://localhost:8090", sink.url(""));
      if (f.endsWith("trigger.yaml")) {
        text +=
            """
                - condition: tick
                  sink: {uri: "%s"}
                  deadLetterSink: {uri: "%s"}
                  delivery: {retry: 0}
            """
                .formatted(sink.url("/down"), sink.url("/dead"));
      }
      parts.add(YamlLoader.load(f.toString(), text, "default"));
    }
    LoadResult loaded = LoadResult.merge(parts);
    Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone("test"));
    assertThat(bundle.hasErrors()).isFalse();
    runtime =
        new OfnRuntime(bundle, new RuntimeOptions(-1, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()))
            .withConsole(ConsoleCatalog.of(loaded, bundle));
    runtime.start();
    api = new ConsoleClient(runtime.managementPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (runtime != null) runtime.close();
    if (sink != null) sink.close();
  }

  @Test
  void topologyHasEveryNodeAndEdgeOfTheQuickstart() throws Exception {
    JsonNode t = api.json("/api/topology");
    assertThat(ids(t.get("nodes")))
        .containsExactlyInAnyOrder(
            "es:default/clock:tick",
            "es:default/clock:chime",
            "topic:EventBus default/default:default-clock-tick",
            "topic:EventBus default/default:default-clock-chime",
            "t:default/clock-watch",
            "t:default/clock-watch:subscriber-0",
            "t:default/clock-watch:subscriber-1",
            "t:default/clock-watch:subscriber-2",
            "sink:" + sink.url("/ticks"),
            "sink:" + sink.url("/both"),
            "sink:" + sink.url("/down"),
            "sink:" + sink.url("/dead"));
    assertThat(t.get("edges")).hasSize(2 + 2 + 3 + 3 + 1);
    assertThat(ids(t.get("kinds"), "name"))
        .containsExactly("eventsource-event", "topic", "trigger", "subscriber", "sink");
    JsonNode tick = node(t, "es:default/clock:tick");
    assertThat(tick.get("kind").asText()).isEqualTo("eventsource-event");
    assertThat(tick.get("resource").asText()).isEqualTo("EventSource/default/clock");
  }

  @Test
  void countsGrowBetweenTwoReads() throws Exception {
    long first = received(api.json("/api/stats"));
    await().atMost(WAIT).until(() -> received(api.json("/api/stats")) > first);
    JsonNode stats = api.json("/api/stats");
    String edge = "es:default/clock:tick->topic:EventBus default/default:default-clock-tick";
    assertThat(stats.at("/edges").get(edge).at("/counts/delivered").asLong()).isPositive();
    assertThat(stats.at("/resources").get("Trigger/default/clock-watch").get("state").asText())
        .isIn("ready", "failing");
  }

  @Test
  void aFailingSinkIsShownFailingWithItsReason() throws Exception {
    String down = "sink:" + sink.url("/down");
    await()
        .atMost(WAIT)
        .until(
            () ->
                api.json("/api/stats")
                    .at("/nodes")
                    .get(down)
                    .get("state")
                    .asText()
                    .equals("failing"));
    JsonNode n = api.json("/api/stats").at("/nodes").get(down);
    assertThat(n.get("reason").asText())
        .contains("POST " + sink.url("/down"))
        .contains("answered 503");
    assertThat(n.at("/counts/failed").asLong()).isPositive();
    assertThat(n.at("/counts/deadLettered").asLong()).isPositive();
    await()
        .atMost(WAIT)
        .until(
            () ->
                api.json("/api/stats")
                    .at("/nodes")
                    .get("sink:" + sink.url("/ticks"))
                    .get("state")
                    .asText()
                    .equals("ready"));
  }

  @Test
  void aTriggerShowsItsYamlRoutesEventsAndConditionInputs() throws Exception {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              JsonNode c =
                  api.json("/api/resources/Trigger/default/clock-watch").get("conditions").get(0);
              // the input is recorded before the event's route is done, so wait for both
              return c.get("value").asBoolean()
                  && c.at("/inputs/0/lastEventAgeMs").asLong() < 3000
                  && api.json("/api/resources/Trigger/default/clock-watch").get("events").size()
                      > 0;
            });
    JsonNode r = api.json("/api/resources/Trigger/default/clock-watch");
    assertThat(r.get("yaml").asText())
        .contains("kind: Trigger")
        .contains("condition: tick && chime");
    assertThat(r.get("routes").asText()).contains("uri: ofn-trigger:default/clock-watch");
    assertThat(r.get("events").size()).isBetween(1, RuntimeConsole.EVENTS_PER_RESOURCE);
    JsonNode e = r.get("events").get(0);
    assertThat(e.at("/attributes/ce-type").asText()).isEqualTo("io.openfunction.events.cron");
    assertThat(e.get("id").asText()).isNotEmpty();
    JsonNode c = r.get("conditions").get(1);
    assertThat(c.get("condition").asText()).isEqualTo("tick && chime");
    assertThat(ids(c.get("inputs"), "input")).containsExactly("chime", "tick");
    // parking is on (in memory), and nothing is parked: /down's failures are dead-lettered
    assertThat(r.at("/parked/available").asBoolean()).isTrue();
    assertThat(r.at("/parked/count").asLong()).isZero();
    assertThat(r.at("/parked/events")).isEmpty();
    assertThat(
            api.json("/api/resources/EventSource/default/clock")
                .at("/parked/available")
                .asBoolean())
        .isFalse();
    JsonNode events = api.json("/api/events?resource=EventSource/default/clock");
    assertThat(events.get("events").get(0).get("detail").asText()).isIn("tick", "chime");
  }

  @Test
  void readOnlyWithoutATokenAndNoCors() throws Exception {
    HttpResponse<String> post =
        api.send(
            HttpRequest.newBuilder(URI.create(api.url("/api/parked/default/clock-watch/1/replay")))
                .header("Authorization", "Bearer guess")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(post.body()).contains("writes are off");
    assertThat(api.json("/api/console").get("actions").asBoolean()).isFalse();
    HttpResponse<String> write =
        api.send(
            HttpRequest.newBuilder(URI.create(api.url("/api/topology")))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(write.statusCode()).isEqualTo(405);
    assertThat(api.get("/api/resources/Trigger/default/nope").statusCode()).isEqualTo(404);
    for (String path :
        List.of("/", "/console.js", "/vendor/cytoscape.min.js", "/api/stats", "/api/topology")) {
      HttpResponse<String> r = api.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().map().keySet())
          .as(path)
          .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
    }
    assertThat(api.get("/../pom.xml").statusCode()).isEqualTo(404);
  }

  static long received(JsonNode stats) {
    return stats.at("/resources").get("EventSource/default/clock").at("/counts/received").asLong();
  }

  static JsonNode node(JsonNode topology, String id) {
    return StreamSupport.stream(topology.get("nodes").spliterator(), false)
        .filter(n -> n.get("id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  static List<String> ids(JsonNode array) {
    return ids(array, "id");
  }

  static List<String> ids(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(field).asText())
        .toList();
  }
}
