package io.ofnevents.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ofnevents.testing.Binaries;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.StepServices;
import io.ofnevents.testing.Yamls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real browser: headless Chromium (Debian's package) loads it while the quickstart
 * runs and is driven over the DevTools protocol (the JDK's WebSocket, no npm package: the protocol
 * gives the page's console messages, uncaught exceptions and every request, which `--dump-dom`
 * cannot). From the rendered DOM: every resource appears, counts increase between two reads, the
 * Trigger's panel shows its condition inputs; any JavaScript error or warning, and any request off
 * the runtime's origin, fails the test. The sink refuses the first tick (400), so the panel lists
 * one parked event. Saves target/console.png (docs/console.png with -Dofn.update=true, the
 * screenshot the README shows).
 */
class ConsoleBrowserIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theConsoleRendersTheQuickstartLive(@TempDir Path dir) throws Exception {
    Path chromium = Binaries.require("chromium", "chromium");
    try (RecordingSink sink = RecordingSink.start()) {
      // the first tick is refused (400): parked at once, shown on the Trigger's row and panel
      AtomicReference<String> refused = new AtomicReference<>();
      sink.respondWith(
          r ->
              r.path().equals("/ticks") && refused.compareAndSet(null, r.header("ce-id"))
                  ? 400
                  : 200);
      Path resources = Files.createDirectories(dir.resolve("quickstart"));
      for (Path f : Yamls.yamlFiles(Path.of("examples/quickstart"))) {
        String text = Files.readString(f).replace("http://localhost:8090", sink.url(""));
        Files.writeString(resources.resolve(f.getFileName()), text);
      }
      try (ManagedRuntime child = ManagedRuntime.start(resources, List.of())) {
        child.awaitReady(WAIT);
        String base = "http://127.0.0.1:" + child.port() + "/";
        List<String> refs = new ArrayList<>();
        new ConsoleClient(child.port())
            .json("/api/resources")
            .forEach(r -> refs.add(r.get("ref").asText()));
        Process browser = launch(chromium, dir.resolve("profile"));
        try (DevTools page = DevTools.connect(pageSocket(dir.resolve("profile"), browser))) {
          for (String domain :
              List.of("Runtime.enable", "Log.enable", "Network.enable", "Page.enable"))
            page.call(domain);
          page.call(
              "Emulation.setDeviceMetricsOverride",
              "width",
              1600,
              "height",
              1150,
              "deviceScaleFactor",
              1,
              "mobile",
              false);
          page.call("Page.navigate", "url", base);
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(
                  () ->
                      page.evaluate("document.querySelectorAll('#resources tbody tr').length")
                              .asInt()
                          == refs.size());
          assertThat(rowRefs(page)).containsExactlyInAnyOrderElementsOf(refs);
          assertThat(page.evaluate("document.querySelectorAll('#graph canvas').length").asInt())
              .isPositive();
          assertThat(page.evaluate("document.querySelectorAll('#flows tbody tr').length").asInt())
              .isEqualTo(8);
          long first = received(page);
          await().atMost(WAIT).ignoreExceptions().until(() -> received(page) > first);
          page.evaluate(
              "document.querySelector('tr[data-ref=\"Trigger/default/clock-watch\"]').click()");
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(
                  () ->
                      page.evaluate("document.querySelectorAll('#d-conditions .chip').length")
                              .asInt()
                          == 3);
          assertThat(page.evaluate("document.getElementById('d-yaml').textContent").asText())
              .contains("kind: Trigger");
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(
                  () ->
                      page.evaluate("document.querySelectorAll('#d-parked tr[data-parked]').length")
                              .asInt()
                          == 1);
          assertThat(page.evaluate("document.getElementById('d-parked').textContent").asText())
              .contains(refused.get())
              .contains("400")
              .contains("Read-only");
          assertThat(
                  page.evaluate(
                          "document.querySelector('tr[data-ref=\"Trigger/default/clock-watch\"]"
                              + " td[data-key=parked]').textContent")
                      .asText())
              .isEqualTo("1");
          // the refusal made the Trigger failing; the next delivered tick makes it ready again
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(
                  () ->
                      page.evaluate(
                              "document.querySelector('tr[data-ref=\"Trigger/default/clock-watch\"]"
                                  + " td[data-key=state]').textContent")
                          .asText()
                          .equals("ready"));
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(
                  () ->
                      page.evaluate("document.querySelectorAll('.events tbody tr').length").asInt()
                          > 0);
          screenshot(page);
          assertNoErrors(page.events(), base);
        } finally {
          browser.destroy();
          browser.waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  /**
   * A Sequence and a Parallel fed by PingSources: every resource has its row, the graph and the
   * flows table have the steps' and branches' edges, counts increase between two reads, the
   * Sequence's panel shows its recent events, and the page logs no error.
   */
  @Test
  void theConsoleRendersSequencesAndParallels(@TempDir Path dir) throws Exception {
    Path chromium = Binaries.require("chromium", "chromium");
    try (RecordingSink svc = RecordingSink.start()) {
      svc.answerWith(
          StepServices.byPath(
              java.util.Map.of(
                  "/a", StepServices.textAppender("+a"),
                  "/b", StepServices.textAppender("+b"),
                  "/reply", r -> RecordingSink.Answer.status(200))));
      Path resources = Files.createDirectories(dir.resolve("flows"));
      Files.writeString(resources.resolve("flows.yaml"), FLOWS.replace("SVC", svc.url("")));
      try (ManagedRuntime child =
          ManagedRuntime.start(
              resources, List.of("--ingress-port", String.valueOf(FreePorts.pick())))) {
        child.awaitReady(WAIT);
        String base = "http://127.0.0.1:" + child.port() + "/";
        Process browser = launch(chromium, dir.resolve("profile"));
        try (DevTools page = DevTools.connect(pageSocket(dir.resolve("profile"), browser))) {
          for (String domain :
              List.of("Runtime.enable", "Log.enable", "Network.enable", "Page.enable"))
            page.call(domain);
          page.call("Page.navigate", "url", base);
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(
                  () ->
                      page.evaluate("document.querySelectorAll('#resources tbody tr').length")
                              .asInt()
                          == 4);
          assertThat(rowRefs(page))
              .contains(
                  "Sequence.flows.knative.dev/default/seq",
                  "Parallel.flows.knative.dev/default/fan");
          String flows = page.evaluate("document.getElementById('flows').textContent").asText();
          assertThat(flows).contains("step 0", "step 1", "filter 0", "branch 1", "reply");
          long first = received(page);
          await().atMost(WAIT).ignoreExceptions().until(() -> received(page) > first);
          page.evaluate(
              "document.querySelector('tr[data-ref=\"Sequence.flows.knative.dev/default/seq\"]')"
                  + ".click()");
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(
                  () ->
                      page.evaluate("document.querySelector('.events tbody').textContent")
                          .asText()
                          .contains("events of spec.steps[1]"));
          assertNoErrors(page.events(), base);
        } finally {
          browser.destroy();
          browser.waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  static final String FLOWS =
      """
      apiVersion: sources.knative.dev/v1
      kind: PingSource
      metadata: {name: to-seq}
      spec:
        schedule: "* * * * * *"
        contentType: text/plain
        data: hello
        sink: {ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq}}
      ---
      apiVersion: sources.knative.dev/v1
      kind: PingSource
      metadata: {name: to-fan}
      spec:
        schedule: "* * * * * *"
        contentType: text/plain
        data: hello
        sink: {ref: {apiVersion: flows.knative.dev/v1, kind: Parallel, name: fan}}
      ---
      apiVersion: flows.knative.dev/v1
      kind: Sequence
      metadata: {name: seq}
      spec:
        steps:
          - uri: SVC/a
          - uri: SVC/b
        reply: {uri: SVC/reply}
      ---
      apiVersion: flows.knative.dev/v1
      kind: Parallel
      metadata: {name: fan}
      spec:
        branches:
          - filter: {uri: SVC/a}
            subscriber: {uri: SVC/b}
          - subscriber: {uri: SVC/b}
        reply: {uri: SVC/reply}
      """;

  private static List<String> rowRefs(DevTools page) throws Exception {
    JsonNode refs =
        page.evaluate(
            "[...document.querySelectorAll('#resources tbody tr')].map(tr => tr.dataset.ref)");
    List<String> out = new ArrayList<>();
    refs.forEach(r -> out.add(r.asText()));
    return out;
  }

  /** The sum of the Received column as the page shows it. */
  private static long received(DevTools page) throws Exception {
    return page.evaluate(
            "[...document.querySelectorAll('#resources td[data-key=received]')]"
                + ".map(td => parseInt(td.textContent, 10) || 0).reduce((a, b) => a + b, 0)")
        .asLong();
  }

  private static void assertNoErrors(List<JsonNode> events, String base) {
    List<String> problems = new ArrayList<>();
    for (JsonNode e : events) {
      String method = e.path("method").asText();
      JsonNode p = e.path("params");
      switch (method) {
        case "Runtime.exceptionThrown" -> problems.add("exception: " + p.path("exceptionDetails"));
        case "Runtime.consoleAPICalled" -> {
          String type = p.path("type").asText();
          if (type.equals("error") || type.equals("warning") || type.equals("assert"))
            problems.add("console." + type + ": " + p.path("args"));
        }
        case "Log.entryAdded" -> {
          String level = p.path("entry").path("level").asText();
          if (level.equals("error") || level.equals("warning"))
            problems.add(
                "log "
                    + level
                    + ": "
                    + p.path("entry").path("text").asText()
                    + " "
                    + p.path("entry").path("url").asText());
        }
        case "Network.requestWillBeSent" -> {
          String url = p.path("request").path("url").asText();
          if (!url.startsWith(base) && !url.startsWith("data:"))
            problems.add("request off the console's origin: " + url);
        }
        case "client.error" -> problems.add(e.path("message").asText());
        default -> {}
      }
    }
    assertThat(problems).as("the page's errors, warnings and foreign requests").isEmpty();
  }

  private static void screenshot(DevTools page) throws Exception {
    byte[] png =
        Base64.getDecoder()
            .decode(page.call("Page.captureScreenshot", "format", "png").get("data").asText());
    Files.write(Path.of("target/console.png"), png);
    if (Boolean.getBoolean("ofn.update")) Files.write(Path.of("docs/console.png"), png);
  }

  private static Process launch(Path chromium, Path profile) throws Exception {
    Files.createDirectories(profile);
    return new ProcessBuilder(
            chromium.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--user-data-dir=" + profile,
            "--remote-debugging-port=0",
            "--window-size=1600,1150",
            "about:blank")
        .redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling("chromium.log").toFile())
        .start();
  }

  /** The WebSocket of the browser's page; Chromium writes its debugging port to the profile. */
  private static String pageSocket(Path profile, Process browser) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    await()
        .atMost(WAIT)
        .failFast("chromium exited", () -> !browser.isAlive())
        .until(() -> Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
    String port = Files.readAllLines(portFile).get(0).trim();
    HttpClient http = HttpClient.newHttpClient();
    String[] socket = new String[1];
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              HttpResponse<String> r =
                  http.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              for (JsonNode t : JSON.readTree(r.body())) {
                if (t.path("type").asText().equals("page"))
                  socket[0] = t.get("webSocketDebuggerUrl").asText();
              }
              return socket[0] != null;
            });
    return socket[0];
  }
}
