package io.ofnevents.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ofn-events run` (the packaged jar) on a JetStream bus with a NATS user and password from the
 * environment, a sink URL with a password and a token, a Redis password given in clear and the
 * management API's token: the console shows the JetStream topology with growing counts and the
 * Trigger's condition state from JetStream KV; an event a sink refuses (400) is parked, listed on
 * the Trigger's node and panel and replayed through the API the page uses, which needs the token;
 * and no secret value is in any page or API answer.
 */
class ConsoleJetStreamIT {
  static final String NATS_PASSWORD = "natsPw-c0n5+&=";
  static final String SINK_PASSWORD = "sinkPw-c0n5";
  static final String SINK_TOKEN = "sinkToken-c0n5";
  static final String REDIS_PASSWORD = "redisPw-c0n5";
  static final String CONSOLE_TOKEN = "consoleTok-c0n5";
  static final List<String> SECRETS =
      List.of(NATS_PASSWORD, SINK_PASSWORD, SINK_TOKEN, REDIS_PASSWORD, CONSOLE_TOKEN);
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String BEARER = "Bearer " + CONSOLE_TOKEN;

  @RegisterExtension
  static final ServerExtension<NatsServer> nats =
      ServerExtension.of(NatsServer.builder().user("ofn", NATS_PASSWORD).build());

  @RegisterExtension
  static final ServerExtension<RedisServer> redis =
      ServerExtension.of(RedisServer.withPassword(REDIS_PASSWORD));

  @Test
  void jetStreamTopologyCountsConditionStateAndNoSecret(@TempDir Path dir) throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      AtomicReference<String> refused = new AtomicReference<>();
      sink.respondWith(
          r ->
              r.path().equals("/picky") && refused.compareAndSet(null, r.header("ce-id"))
                  ? 400
                  : 200);
      int sinkPort = URI.create(sink.url("/")).getPort();
      Files.writeString(dir.resolve("all.yaml"), resources(sinkPort));
      try (ManagedRuntime child =
          ManagedRuntime.start(
              dir,
              List.of(),
              "NATS_USER=ofn",
              "NATS_PASSWORD=" + NATS_PASSWORD,
              ApiToken.ENV + "=" + CONSOLE_TOKEN)) {
        child.awaitReady(WAIT);
        ConsoleClient api = new ConsoleClient(child.port());
        JsonNode t = api.json("/api/topology");
        assertThat(ConsoleApiIT.ids(t.get("nodes")))
            .contains(
                "es:default/clock:tick",
                "es:default/clock:paid",
                "topic:ClusterEventBus default:default-clock-tick",
                "topic:ClusterEventBus default:both",
                "topic:ClusterEventBus default:failed-ticks",
                "t:default/clock-watch:subscriber-1",
                "sink:" + sink.url("/ticks"));
        long first = ConsoleApiIT.received(api.json("/api/stats"));
        await().atMost(WAIT).until(() -> ConsoleApiIT.received(api.json("/api/stats")) > first);
        String input = "topic:ClusterEventBus default:default-clock-tick->t:default/clock-watch";
        await()
            .atMost(WAIT)
            .until(
                () ->
                    api.json("/api/stats")
                        .at("/edges")
                        .get(input)
                        .at("/counts/pending")
                        .isNumber());
        // the state lives in JetStream KV; the console reads it from there
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  JsonNode c =
                      api.json("/api/resources/Trigger/default/clock-watch").at("/conditions/0");
                  return c.get("known").asBoolean() && c.at("/inputs/0/value").asBoolean();
                });
        JsonNode bus = api.json("/api/resources/ClusterEventBus/-/default");
        assertThat(bus.get("yaml").asText()).contains("password: \"${env:NATS_PASSWORD}\"");
        JsonNode es = api.json("/api/resources/EventSource/default/clock");
        assertThat(es.get("yaml").asText()).contains("redisPassword: \"<literal, redacted>\"");
        assertThat(es.get("problems").toString()).contains("warning");
        JsonNode trigger = api.json("/api/resources/Trigger/default/clock-watch");
        assertThat(trigger.get("yaml").asText()).contains("http://ofn:xxxxxx@127.0.0.1");
        assertThat(trigger.get("routes").asText()).contains("token=xxxxxx");

        aRefusedEventIsParkedListedAndReplayed(api, sink, refused);

        readEverything(api);
        for (String body : api.bodies()) {
          for (String secret : SECRETS) {
            assertThat(body).as("a console answer contains %s", secret).doesNotContain(secret);
          }
        }
        assertThat(child.log()).doesNotContain(CONSOLE_TOKEN);
      }
    }
  }

  /**
   * The first tick /picky refused (400, no dead letter) is parked at once: the Trigger's node, its
   * row and its panel show it; a replay through `/api/parked` (the page's action) needs the token,
   * delivers it to /picky and leaves nothing parked.
   */
  private static void aRefusedEventIsParkedListedAndReplayed(
      ConsoleClient api, RecordingSink sink, AtomicReference<String> refused) throws Exception {
    String trigger = "/api/resources/Trigger/default/clock-watch";
    await().atMost(WAIT).until(() -> api.json(trigger).at("/parked/count").asLong() == 1);
    JsonNode panel = api.json(trigger).get("parked");
    assertThat(panel.get("available").asBoolean()).isTrue();
    assertThat(panel.get("events")).hasSize(1);
    JsonNode parked = panel.get("events").get(0);
    assertThat(parked.get("eventId").asText()).isEqualTo(refused.get());
    assertThat(parked.get("subscriber").asInt()).isEqualTo(2);
    assertThat(parked.at("/error/code").asInt()).isEqualTo(400);
    assertThat(parked.at("/error/destination").asText()).contains("http://ofn:xxxxxx@127.0.0.1");
    String id = parked.get("id").asText();
    assertThat(id).startsWith("default/clock-watch/");
    JsonNode stats = api.json("/api/stats");
    assertThat(stats.at("/nodes").get("t:default/clock-watch").get("parked").asLong()).isEqualTo(1);
    assertThat(stats.at("/resources").get("Trigger/default/clock-watch").get("parked").asLong())
        .isEqualTo(1);
    assertThat(
            stats
                .at("/edges")
                .get("t:default/clock-watch:subscriber-2->sink:" + sink.url("/picky"))
                .at("/counts/parked")
                .asLong())
        .isEqualTo(1);
    assertThat(api.json("/api/console").get("parking").asBoolean()).isTrue();

    assertThat(write(api, id + "/replay", null).statusCode()).isEqualTo(401);
    assertThat(write(api, id + "/replay", "Bearer wrong-" + CONSOLE_TOKEN).statusCode())
        .isEqualTo(401);
    HttpResponse<String> unknown = write(api, "default/clock-watch/999999/replay", BEARER);
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.body()).contains("no parked event");
    HttpResponse<String> replayed = write(api, id + "/replay", BEARER);
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(replayed.body()).contains("\"replayed\":\"" + id + "\"");
    assertThat(sink.delivered("/picky")).anyMatch(r -> r.header("ce-id").equals(refused.get()));
    assertThat(api.json(trigger).at("/parked/count").asLong()).isZero();
    assertThat(api.json(trigger).at("/parked/events")).isEmpty();
  }

  /** Every page, script and API answer, each resource's detail and events included. */
  private static void readEverything(ConsoleClient api) throws Exception {
    for (String path :
        List.of(
            "/", "/console.js", "/console.css", "/api/console", "/api/topology", "/api/stats")) {
      assertThat(api.get(path).statusCode()).as(path).isEqualTo(200);
    }
    for (JsonNode r : api.json("/api/resources")) {
      String ref = r.get("ref").asText();
      api.json("/api/resources/" + ref);
      api.json("/api/events?resource=" + ref);
    }
    api.get("/api/resources/Trigger/default/none");
    assertThat(api.get("/api/parked").statusCode()).isEqualTo(200);
  }

  /** A write of the parked-events API, as the page's Replay and Drop buttons send it. */
  private static HttpResponse<String> write(ConsoleClient api, String path, String authorization)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.url("/api/parked/" + path)))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) b.header("Authorization", authorization);
    return api.send(b);
  }

  private static String resources(int sinkPort) {
    String sink =
        "http://ofn:" + SINK_PASSWORD + "@127.0.0.1:" + sinkPort + "/ticks?token=" + SINK_TOKEN;
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: ClusterEventBus
        metadata: {name: default}
        spec:
          nats:
            url: %1$s
            auth:
              user: "${env:NATS_USER}"
              password: "${env:NATS_PASSWORD}"
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: clock}
        spec:
          eventBus: default
          cron:
            tick: {schedule: "@every 1s"}
            chime: {schedule: "@every 2s"}
          redis:
            paid:
              redisHost: "127.0.0.1:%2$d"
              redisPassword: "%3$s"
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: clock-watch}
        spec:
          eventBus: default
          inputs:
            tick: {eventSource: clock, event: tick}
            chime: {eventSource: clock, event: chime}
          conditionState: {window: 10s, store: nats}
          subscribers:
            - condition: tick
              sink: {uri: "%4$s"}
              deadLetterTopic: failed-ticks
            - condition: tick && chime
              topic: both
            - condition: tick
              sink: {uri: "%5$s"}
        """
        .formatted(
            nats.url(), redis.port(), REDIS_PASSWORD, sink, sink.replace("/ticks?", "/picky?"));
  }
}
