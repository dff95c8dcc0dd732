package io.ofnevents.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ofnevents.cli.Main;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.ManagementServer;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.StepServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console draws Knative Sequences and Parallels on a JetStream bus: the flow, its steps or its
 * branches' filters and subscribers, what each calls and where replies go (a Knative Trigger whose
 * subscriber is the Sequence points at the Sequence's node), with counts that grow as events flow
 * and the flows' recent events. The first event a Knative Trigger's subscriber refuses (400) and
 * the first one a Parallel branch's subscriber refuses are parked: each is listed under its
 * resource (its node, its row, its panel, `ofn-events parked list --resource`) and replayed through
 * the API the page uses.
 */
class KnFlowConsoleIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String TOKEN = "flowConsoleTok-9";
  static final String BEARER = "Bearer " + TOKEN;

  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();

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
        filter: {attributes: {type: order}}
        subscriber: {uri: SVC/orders}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: to-seq}
      spec:
        broker: shop
        filter: {attributes: {type: seq}}
        subscriber:
          ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq}
      ---
      apiVersion: flows.knative.dev/v1
      kind: Sequence
      metadata: {name: seq}
      spec:
        steps:
          - uri: SVC/step1
          - uri: SVC/step2
        reply: {uri: SVC/seq-reply}
      ---
      apiVersion: flows.knative.dev/v1
      kind: Parallel
      metadata: {name: fan}
      spec:
        branches:
          - filter: {uri: SVC/filter}
            subscriber: {uri: SVC/b0}
          - subscriber: {uri: SVC/b1}
        reply: {uri: SVC/fan-reply}
      """;

  @Test
  void sequenceAndParallelAreDrawnCountedAndTheirParkedEventsListedAndReplayed() throws Exception {
    AtomicReference<String> refusedOrder = new AtomicReference<>();
    AtomicReference<String> refusedBranch = new AtomicReference<>();
    try (RecordingSink svc = RecordingSink.start()) {
      svc.answerWith(
          StepServices.byPath(
              Map.of(
                  "/step1", StepServices.textAppender("+1"),
                  "/step2", StepServices.textAppender("+2"),
                  "/filter", StepServices.textAppender("+f"),
                  "/b0", StepServices.textAppender("+b0"),
                  "/b1", refuseFirst(refusedBranch),
                  "/orders", refuseFirst(refusedOrder),
                  "/seq-reply", r -> RecordingSink.Answer.status(200),
                  "/fan-reply", r -> RecordingSink.Answer.status(200))));
      String yaml =
          Fixtures.of(
              Fixtures.jetStreamBus(nats.url(), "5s"), RESOURCES.replace("SVC", svc.url("")));
      LoadResult loaded = YamlLoader.load("flows.yaml", yaml, "default");
      Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone("test"));
      assertThat(bundle.hasErrors()).as(bundle.problems().toString()).isFalse();
      int ingress = FreePorts.pick();
      try (OfnRuntime runtime =
          new OfnRuntime(
                  bundle,
                  new RuntimeOptions(
                      ManagementServer.EPHEMERAL,
                      RuntimeOptions.CLASSPATH_KAMELETS,
                      Map.of(),
                      ApiToken.of(TOKEN),
                      ingress))
              .withConsole(ConsoleCatalog.of(loaded, bundle))) {
        runtime.start();
        ConsoleClient api = new ConsoleClient(runtime.managementPort());
        theTopologyHasTheFlowsShape(api, svc);

        String seq = "kn-sequence:default/seq";
        String fan = "kn-parallel:default/fan";
        for (int i = 0; i < 3; i++) {
          post(ingress, "/default/sequences/seq", "s" + i, "t");
          post(ingress, "/default/parallels/fan", "p" + i, "t");
        }
        post(ingress, "/default/shop", "o0", "order");
        post(ingress, "/default/shop", "viaTrigger", "seq");
        await()
            .atMost(WAIT)
            .until(
                () ->
                    svc.delivered("/seq-reply").size() >= 4
                        && svc.delivered("/fan-reply").size() >= 3);
        JsonNode before =
            await()
                .atMost(WAIT)
                .until(
                    () -> api.json("/api/stats"),
                    s -> count(s, "/nodes/" + esc(seq + ":step-1"), "replied") >= 4);
        assertThat(count(before, "/nodes/" + esc(seq), "received")).isGreaterThanOrEqualTo(4);
        assertThat(count(before, "/edges/" + esc(seq + ":step-0->" + seq + ":step-1"), "delivered"))
            .isGreaterThanOrEqualTo(4);
        assertThat(
                count(
                    before,
                    "/edges/" + esc(seq + ":step-1->reply:sink:" + svc.url("/seq-reply")),
                    "delivered"))
            .isGreaterThanOrEqualTo(4);
        assertThat(count(before, "/nodes/" + esc(fan), "received")).isGreaterThanOrEqualTo(3);
        assertThat(count(before, "/nodes/" + esc(fan + ":branch-0:filter"), "replied"))
            .isGreaterThanOrEqualTo(3);
        assertThat(
                count(
                    before,
                    "/edges/" + esc(fan + ":branch-0->reply:sink:" + svc.url("/fan-reply")),
                    "delivered"))
            .isGreaterThanOrEqualTo(3);
        assertThat(
                before
                    .at("/resources")
                    .get("Sequence.flows.knative.dev/default/seq")
                    .get("state")
                    .asText())
            .isEqualTo("ready");

        // counts grow
        long seqBefore = count(before, "/nodes/" + esc(seq), "received");
        long fanBefore = count(before, "/nodes/" + esc(fan), "received");
        post(ingress, "/default/sequences/seq", "s-more", "t");
        post(ingress, "/default/parallels/fan", "p-more", "t");
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  JsonNode s = api.json("/api/stats");
                  return count(s, "/nodes/" + esc(seq), "received") > seqBefore
                      && count(s, "/nodes/" + esc(fan), "received") > fanBefore
                      && count(
                              s,
                              "/resources/" + esc("Sequence.flows.knative.dev/default/seq"),
                              "received")
                          > seqBefore;
                });

        JsonNode seqPanel = api.json("/api/resources/Sequence.flows.knative.dev/default/seq");
        assertThat(seqPanel.get("routes").asText()).contains("kn-sequence-default-seq-step-0");
        assertThat(seqPanel.get("yaml").asText()).contains("kind: Sequence");
        await()
            .atMost(WAIT)
            .until(
                () ->
                    api.json("/api/events?resource=Sequence.flows.knative.dev/default/seq")
                        .get("events")
                        .toString()
                        .contains("events of spec.steps[1]"));

        theParkedEventIsListedUnderItsResourceAndReplayed(
            api,
            runtime.managementPort(),
            "Trigger.eventing.knative.dev/default/orders",
            "kn-trigger:default/orders",
            "default/kn-trigger:orders/",
            "spec.subscriber",
            refusedOrder.get(),
            svc,
            "/orders");
        theParkedEventIsListedUnderItsResourceAndReplayed(
            api,
            runtime.managementPort(),
            "Parallel.flows.knative.dev/default/fan",
            fan,
            "default/parallel:fan/",
            "spec.branches[1].subscriber",
            refusedBranch.get(),
            svc,
            "/b1");
      }
    }
  }

  private static void theTopologyHasTheFlowsShape(ConsoleClient api, RecordingSink svc)
      throws Exception {
    JsonNode t = api.json("/api/topology");
    String seq = "kn-sequence:default/seq";
    String fan = "kn-parallel:default/fan";
    assertThat(ConsoleApiIT.ids(t.get("nodes")))
        .contains(
            seq,
            seq + ":step-0",
            seq + ":step-1",
            fan,
            fan + ":branch-0:filter",
            fan + ":branch-0",
            fan + ":branch-1:filter",
            fan + ":branch-1",
            "sink:" + svc.url("/step1"),
            "sink:" + svc.url("/b1"))
        .doesNotContain(seq + ":step-2");
    assertThat(ConsoleApiIT.ids(t.get("edges")))
        .contains(
            "kn-trigger:default/to-seq->" + seq,
            seq + "->" + seq + ":step-0",
            seq + ":step-0->" + seq + ":step-1",
            seq + ":step-0->sink:" + svc.url("/step1"),
            seq + ":step-1->reply:sink:" + svc.url("/seq-reply"),
            fan + "->" + fan + ":branch-0:filter",
            fan + ":branch-0:filter->sink:" + svc.url("/filter"),
            fan + ":branch-0:filter->" + fan + ":branch-0",
            fan + ":branch-1:filter->" + fan + ":branch-1",
            fan + ":branch-1->sink:" + svc.url("/b1"),
            fan + ":branch-0->reply:sink:" + svc.url("/fan-reply"));
    assertThat(ConsoleApiIT.ids(t.get("edges")))
        .as("a branch without a filter calls nothing")
        .noneMatch(e -> e.startsWith(fan + ":branch-1:filter->sink:"));
    assertThat(t.get("kinds").toString())
        .contains("kn-sequence", "kn-sequence-step", "kn-parallel", "kn-parallel-filter");
  }

  /**
   * `resource`'s first refused event is parked: counted on its node and row, listed in its panel
   * and by `ofn-events parked list --resource`, with the field that refused it; replayed with the
   * token it reaches `path` again and nothing stays parked.
   */
  private static void theParkedEventIsListedUnderItsResourceAndReplayed(
      ConsoleClient api,
      int port,
      String resource,
      String node,
      String idPrefix,
      String field,
      String eventId,
      RecordingSink svc,
      String path)
      throws Exception {
    String panel = "/api/resources/" + resource;
    await().atMost(WAIT).until(() -> api.json(panel).at("/parked/count").asLong() == 1);
    JsonNode p = api.json(panel).get("parked");
    assertThat(p.get("available").asBoolean()).isTrue();
    assertThat(p.get("events")).hasSize(1);
    JsonNode parked = p.get("events").get(0);
    assertThat(parked.get("eventId").asText()).isEqualTo(eventId);
    assertThat(parked.get("resource").asText()).isEqualTo(resource);
    assertThat(parked.get("field").asText()).isEqualTo(field);
    assertThat(parked.at("/error/code").asInt()).isEqualTo(400);
    String id = parked.get("id").asText();
    assertThat(id).startsWith(idPrefix);
    JsonNode stats = api.json("/api/stats");
    assertThat(stats.at("/nodes").get(node).get("parked").asLong()).isEqualTo(1);
    assertThat(stats.at("/resources").get(resource).get("parked").asLong()).isEqualTo(1);

    String url = "http://127.0.0.1:" + port;
    String[] cli = cli("parked", "list", "--runtime-url", url, "--resource", resource, "--json");
    assertThat(cli[0]).as(cli[1]).isEqualTo("0");
    assertThat(cli[1].lines()).hasSize(1).allMatch(l -> l.contains("\"id\":\"" + id + "\""));
    // the kind without its group where only one API has it (not Trigger: both have one)
    String kind = resource.substring(0, resource.indexOf('.'));
    String[] table =
        cli(
            "parked",
            "list",
            "--runtime-url",
            url,
            "--resource",
            kind.equals("Trigger") ? resource : kind + resource.substring(resource.indexOf('/')));
    assertThat(table[0]).as(table[1]).isEqualTo("0");
    assertThat(table[1]).contains(id).contains(resource).contains(field);

    long calls = svc.requests().stream().filter(r -> r.path().equals(path)).count();
    assertThat(write(api, id + "/replay", null).statusCode()).isEqualTo(401);
    HttpResponse<String> replayed = write(api, id + "/replay", BEARER);
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(svc.requests().stream().filter(r -> r.path().equals(path)).count())
        .isEqualTo(calls + 1);
    assertThat(svc.delivered(path)).anyMatch(r -> eventId.equals(r.header("ce-id")));
    assertThat(api.json(panel).at("/parked/count").asLong()).isZero();
    assertThat(api.json(panel).at("/parked/events")).isEmpty();
  }

  private static Function<RecordingSink.Request, RecordingSink.Answer> refuseFirst(
      AtomicReference<String> refused) {
    return r ->
        RecordingSink.Answer.status(refused.compareAndSet(null, r.header("ce-id")) ? 400 : 200);
  }

  private static long count(JsonNode stats, String pointer, String key) {
    JsonNode v = stats.at(pointer).at("/counts/" + key);
    return v.isNumber() ? v.asLong() : -1;
  }

  /** A JSON pointer segment: '/' and '~' escaped. */
  private static String esc(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static void post(int port, String path, String id, String type) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .POST(HttpRequest.BodyPublishers.ofString("x"))
                    .header("ce-specversion", "1.0")
                    .header("ce-id", id)
                    .header("ce-source", "/test")
                    .header("ce-type", type)
                    .header("Content-Type", "text/plain")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(202);
  }

  private static HttpResponse<String> write(ConsoleClient api, String path, String authorization)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.url("/api/parked/" + path)))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) b.header("Authorization", authorization);
    return api.send(b);
  }

  /** `ofn-events ARGS` in this JVM: {exit code, stdout + stderr}. */
  private static String[] cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {String.valueOf(code), out + err.toString()};
  }
}
