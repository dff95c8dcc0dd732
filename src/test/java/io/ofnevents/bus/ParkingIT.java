package io.ofnevents.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.ofnevents.cli.Main;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.ManagementServer;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.LogCapture;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.PrometheusText;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.Yamls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poison event on the JetStream bus: a subscriber that rejects one event (400) and keeps failing
 * another (503) has each parked, while the healthy subscriber of the same Trigger gets every event
 * exactly once and the events behind them flow; then `ofn-events parked` lists them (through the
 * runtime's API and straight from the bus) and a replay delivers one to that subscriber only.
 */
class ParkingIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RESOURCES =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default}
      spec:
        nats:
          url: %1$s
          jetstream: {ackWait: 5s}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata: {name: %3$s}
      spec:
        eventBus: default
        maxDeliveries: 3
        inputs:
          a: {eventSource: %3$s, event: a}
        subscribers:
          - condition: a
            sink: {uri: "%2$s/healthy"}
          - condition: a
            sink: {uri: "%2$s/picky"}
            delivery: {retry: %4$s, backoffDelay: %5$s}
      """;

  private record Cli(int code, String out, String err) {}

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString());
  }

  private static OfnRuntime start(String yaml, ApiToken token) throws Exception {
    Bundle bundle =
        Compiler.compile(Yamls.load(yaml).resources(), CompileOptions.standalone("test"));
    OfnRuntime runtime =
        new OfnRuntime(
            bundle,
            new RuntimeOptions(
                ManagementServer.EPHEMERAL, RuntimeOptions.CLASSPATH_KAMELETS, Map.of(), token, 0));
    runtime.start();
    return runtime;
  }

  private static List<String> ids(RecordingSink sink, String path) {
    return sink.requests().stream()
        .filter(r -> r.path().equals(path))
        .map(r -> r.header("ce-id"))
        .toList();
  }

  @Test
  void
      poisonEventsAreParkedTheHealthySubscriberGetsEachEventOnceAndAReplayReachesOnlyTheOneThatFailed(
          @TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "s3cret-token\n");
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url());
        LogCapture log = LogCapture.open()) {
      AtomicBoolean fixed = new AtomicBoolean();
      sink.respondWith(
          r -> {
            if (!r.path().equals("/picky") || fixed.get()) return 200;
            return switch (r.header("ce-id")) {
              case "poison" -> 400;
              case "stuck" -> 503;
              default -> 200;
            };
          });
      String yaml = RESOURCES.formatted(nats.url(), sink.url(""), "pick", 0, "PT0.01S");
      Path resources = Files.writeString(dir.resolve("resources.yaml"), yaml);
      List<String> sent = new ArrayList<>(List.of("e-0", "poison", "stuck"));
      for (int i = 1; i <= 20; i++) sent.add("e-" + i);
      OfnRuntime runtime = start(yaml, ApiToken.file(token));
      try {
        String url = "http://127.0.0.1:" + runtime.managementPort();
        for (String id : sent) {
          PlainNats.publish(
              nc, "default-pick-a", PlainNats.event(id), id.getBytes(StandardCharsets.UTF_8));
        }
        List<String> good = sent.stream().filter(id -> id.startsWith("e-")).toList();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    ids(sink, "/healthy").containsAll(sent)
                        && sink.delivered("/picky").stream()
                            .map(r -> r.header("ce-id"))
                            .collect(Collectors.toSet())
                            .containsAll(good));
        await().atMost(WAIT).until(() -> parked(url, "default/pick").size() == 2);

        // every event exactly once at the healthy sink, although two were redelivered or parked
        FaultReport healthy =
            FaultReport.of("parking/healthy-subscriber", sent, ids(sink, "/healthy")).check();
        assertThat(healthy.duplicates()).isZero();
        FaultReport.of(
                "parking/picky-subscriber",
                good,
                ids(sink, "/picky").stream().filter(id -> id.startsWith("e-")).toList())
            .check();
        List<String> picky = ids(sink, "/picky");
        assertThat(picky).filteredOn("poison"::equals).as("a 400 is not tried again").hasSize(1);
        assertThat(picky).filteredOn("stuck"::equals).as("maxDeliveries: 3").hasSize(3);

        Map<String, JsonNode> byEvent =
            parked(url, "default/pick").stream()
                .collect(Collectors.toMap(n -> n.path("eventId").asText(), n -> n));
        JsonNode poison = byEvent.get("poison");
        assertThat(poison.path("subscriber").asInt()).isEqualTo(1);
        assertThat(poison.path("subject").asText()).isEqualTo("default-pick-a");
        assertThat(poison.path("error").path("code").asInt()).isEqualTo(400);
        assertThat(poison.path("error").path("destination").asText()).isEqualTo(sink.url("/picky"));
        assertThat(poison.path("attributes").path("ce-ofntrigger").asText()).isEqualTo("pick");
        assertThat(byEvent.get("stuck").path("error").path("code").asInt()).isEqualTo(503);

        assertThat(log.matching(Level.WARN, LogLines.regex(LogLines.PARKED)))
            .extracting(LogCapture.Line::message)
            .anySatisfy(m -> assertThat(m).startsWith("Event poison "))
            .anySatisfy(m -> assertThat(m).startsWith("Event stuck "));
        PrometheusText metrics = PrometheusText.parse(get(url + "/metrics").body());
        assertThat(
                metrics.value(
                    "ofn_subscriber_events_parked_total", "trigger", "pick", "subscriber", "1"))
            .isEqualTo(2);

        // the same list straight from the bus, without the runtime's API
        Cli direct = cli("parked", "list", "-f", resources.toString(), "--json");
        assertThat(direct.code()).as(direct.err()).isZero();
        assertThat(direct.out().lines())
            .hasSize(2)
            .anySatisfy(l -> assertThat(l).contains("\"eventId\":\"poison\""));

        // writes need the token
        String poisonId = poison.path("id").asText();
        Cli refused = cli("parked", "replay", poisonId, "--runtime-url", url);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("Authorization");

        fixed.set(true);
        Cli replay =
            cli(
                "parked",
                "replay",
                poisonId,
                "--runtime-url",
                url,
                "--token-file",
                token.toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.out()).contains(poisonId + " replayed");
        assertThat(sink.delivered("/picky"))
            .filteredOn(r -> r.header("ce-id").equals("poison"))
            .hasSize(1)
            .first()
            .satisfies(
                r -> {
                  assertThat(r.bodyText()).isEqualTo("poison");
                  assertThat(r.headers())
                      .doesNotContainKeys("ce-ofnerrorcode", "ce-ofnparkedsubscriber");
                });
        assertThat(ids(sink, "/healthy")).filteredOn("poison"::equals).hasSize(1);
        assertThat(parked(url, "default/pick"))
            .extracting(n -> n.path("eventId").asText())
            .containsExactly("stuck");

        // dropped straight on the bus
        String stuckId = byEvent.get("stuck").path("id").asText();
        Cli drop = cli("parked", "drop", stuckId, "-f", resources.toString());
        assertThat(drop.code()).as(drop.err()).isZero();
        assertThat(parked(url, "default/pick")).isEmpty();
        assertThat(cli("parked", "drop", stuckId, "-f", resources.toString()).code()).isEqualTo(1);
      } finally {
        runtime.close();
      }
    }
  }

  @Test
  void aStopDuringABackoffEndsAtOnceAndLeavesTheEventOnTheBus() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url())) {
      AtomicBoolean fixed = new AtomicBoolean();
      sink.respondWith(r -> r.path().equals("/picky") && !fixed.get() ? 503 : 200);
      // five retries of up to 30 s each: a stop that waited for them would take minutes
      String yaml = RESOURCES.formatted(nats.url(), sink.url(""), "halt", 5, "PT25S");
      OfnRuntime first = start(yaml, ApiToken.none());
      PlainNats.publish(nc, "default-halt-a", PlainNats.event("e-1"), "e-1".getBytes());
      await().atMost(WAIT).until(() -> ids(sink, "/picky").size() == 1);
      Thread stop = new Thread(() -> closeQuietly(first));
      stop.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> !stop.isAlive());

      fixed.set(true);
      OfnRuntime second = start(yaml, ApiToken.none());
      try {
        await().atMost(WAIT).until(() -> !sink.delivered("/picky").isEmpty());
        assertThat(sink.delivered("/picky").get(0).header("ce-id")).isEqualTo("e-1");
        // a new process has no record that /healthy had it: a duplicate there, never a loss
        assertThat(ids(sink, "/healthy")).contains("e-1");
      } finally {
        second.close();
      }
    }
  }

  private static void closeQuietly(OfnRuntime runtime) {
    try {
      runtime.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<JsonNode> parked(String url, String trigger) throws Exception {
    JsonNode answer = JSON.readTree(get(url + "/api/parked?trigger=" + trigger).body());
    List<JsonNode> out = new ArrayList<>();
    answer.path("parked").forEach(out::add);
    return out;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
