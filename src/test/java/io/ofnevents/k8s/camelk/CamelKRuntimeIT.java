package io.ofnevents.k8s.camelk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.CamelKDependencies;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What Camel K does with our Integrations, without a cluster: the Camel K NATS example
 * (examples/camel-k-nats, exported as k8s/examples/nats) pointed at a real nats-server, each
 * Integration's `spec.dependencies` resolved by Maven and nothing else, then run by plain
 * `org.apache.camel.main.Main` in a child JVM with its flows, its `traits.camel.properties` and the
 * exported Kamelets: the EventSource's ticks reach the sink through JetStream and the Trigger, and
 * the bus connection is a readiness check on camel-main's `/observe/health/ready`.
 *
 * <p>Besides `spec.dependencies` the class path has only what a Camel K runtime brings itself:
 * camel-main, camel-health and camel-platform-http-main (the health trait's probes) and a logging
 * backend.
 */
class CamelKRuntimeIT {
  @RegisterExtension static final ServerExtension<NatsServer> NATS = ServerExtension.nats();

  static final Path WORK = Path.of("target/camel-k-runtime");
  static final String VERSION = "0.1.0";
  static final List<String> RUNTIME =
      List.of(
          "camel:main",
          "camel:health",
          "camel:platform-http-main",
          "mvn:org.slf4j:slf4j-simple:2.0.17");
  static final Set<String> APPLICATION_JARS =
      Set.of("picocli", "log4j-core", "log4j-slf4j2-impl", "kubernetes-client", "camel-k-crds");
  static final List<String> APPLICATION_PACKAGES =
      List.of(
          "io/ofnevents/cli/",
          "io/ofnevents/k8s/",
          "io/ofnevents/bench/",
          "io/ofnevents/runtime/console/",
          "log4j2.xml");

  private final List<Process> children = new ArrayList<>();
  private final Map<String, URI> readiness = new java.util.TreeMap<>();

  @AfterEach
  void stopChildren() throws InterruptedException {
    for (Process p : children) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
    }
  }

  @Test
  void theComponentArtifactAloneBringsNoApplication() throws Exception {
    List<Path> jars =
        CamelKDependencies.resolve(
            List.of("mvn:io.ofnevents:ofn-events-camel:" + VERSION), WORK.resolve("slim-alone"));
    System.out.println("SLIM-ARTIFACT jars=" + jars.size());
    assertThat(jars)
        .anySatisfy(j -> assertThat(j.getFileName().toString()).startsWith("ofn-events-camel-"));
    assertNoApplication(jars);
  }

  @Test
  void anExportedNatsExampleRunsOnPlainCamelMainFromItsDependencies() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      Export.Result export = exportExample(sink);
      Path kamelets = Files.createDirectories(WORK.resolve("kamelets"));
      Map<String, String> integrations = new java.util.TreeMap<>();
      export
          .files()
          .forEach(
              (name, yaml) -> {
                String file = Path.of(name).getFileName().toString();
                if (file.startsWith("00-kamelet-")) {
                  write(
                      kamelets.resolve(file.substring(11).replace(".yaml", ".kamelet.yaml")), yaml);
                } else if (file.startsWith("10-integration-")) {
                  integrations.put(file.substring(15).replace(".yaml", ""), yaml);
                }
              });
      assertThat(integrations).containsOnlyKeys("es-clock", "t-clock-watch");
      // the Trigger first: its durable consumer then sees the first tick
      start("t-clock-watch", integrations.get("t-clock-watch"), kamelets);
      start("es-clock", integrations.get("es-clock"), kamelets);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(
                          sink.delivered("/ticks").stream().map(r -> r.header("ce-id")).distinct())
                      .hasSizeGreaterThanOrEqualTo(3));
      RecordingSink.Request tick = sink.delivered("/ticks").get(0);
      assertThat(tick.header("ce-id")).startsWith("tick/");
      assertThat(tick.header("ce-source"))
          .isEqualTo("/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/clock");
      assertThat(tick.header("ce-ofntrigger")).isEqualTo("clock-watch");
      // the bus goes away: each Integration's readiness says so (Camel K then takes the pod out
      // of its Service), naming the server
      NATS.server().stop();
      for (var e : readiness.entrySet()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  HttpResponse<String> r = get(e.getValue());
                  assertThat(r.statusCode()).as(e.getKey()).isEqualTo(503);
                  assertThat(r.body()).contains("DOWN").contains(NATS.server().host());
                });
      }
    }
  }

  /** The example with this machine's nats-server and sink in place of the cluster's. */
  private Export.Result exportExample(RecordingSink sink) throws IOException {
    Path input = Files.createDirectories(WORK.resolve("input"));
    try (Stream<Path> files = Files.list(Path.of("examples/camel-k-nats"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.writeString(
            input.resolve(f.getFileName()),
            Files.readString(f)
                .replace("nats://nats.default.svc.cluster.local:4222", NATS.url())
                .replace(
                    "http://event-display.default.svc.cluster.local/ticks", sink.url("/ticks")));
      }
    }
    Export.Result result = ExportTest.export(input);
    assertThat(result.hasErrors()).as(result.problems().toString()).isFalse();
    return result;
  }

  /** Resolves the Integration's dependencies and runs its flows on plain camel-main. */
  @SuppressWarnings("unchecked")
  private void start(String name, String manifest, Path kamelets) throws Exception {
    Map<String, Object> spec =
        (Map<String, Object>)
            ((Map<String, Object>)
                    new Load(LoadSettings.builder().build()).loadFromString(manifest))
                .get("spec");
    List<String> dependencies = new ArrayList<>((List<String>) spec.get("dependencies"));
    Path dir = WORK.resolve(name);
    long resolveStart = System.nanoTime();
    List<Path> jars =
        new ArrayList<>(CamelKDependencies.resolve(dependencies, dir.resolve("deps")));
    List<Path> runtime = CamelKDependencies.resolve(RUNTIME, dir.resolve("runtime"));
    System.out.printf(
        "CAMELK-RUNTIME integration=%s dependency_jars=%d runtime_jars=%d resolve_ms=%d%n",
        name, jars.size(), runtime.size(), (System.nanoTime() - resolveStart) / 1_000_000);
    assertNoApplication(jars);
    jars.addAll(runtime);
    Path flows = dir.resolve("flows.yaml");
    write(flows, new Dump(DumpSettings.builder().build()).dumpToString(spec.get("flows")));
    int port = FreePorts.pick();
    List<String> properties = new ArrayList<>();
    properties.add("camel.main.name=" + name);
    properties.add("camel.main.routes-include-pattern=file:" + flows.toAbsolutePath());
    properties.add("camel.component.kamelet.location=file:" + kamelets.toAbsolutePath());
    properties.add("camel.management.enabled=true");
    properties.add("camel.management.port=" + port);
    properties.add("camel.management.healthCheckEnabled=true");
    // the checks in the answer, not only the overall status
    properties.add("camel.health.exposureLevel=full");
    Map<String, Object> traits = (Map<String, Object>) spec.get("traits");
    Map<String, Object> camel = (Map<String, Object>) traits.get("camel");
    if (camel.get("properties") instanceof List<?> ps)
      ps.forEach(p -> properties.add(String.valueOf(p)));
    Path conf = Files.createDirectories(dir.resolve("conf"));
    write(conf.resolve("application.properties"), String.join("\n", properties) + "\n");
    StringBuilder classpath = new StringBuilder(conf.toAbsolutePath().toString());
    for (Path j : jars) classpath.append(':').append(j.toAbsolutePath());
    long started = System.nanoTime();
    Process p =
        new ProcessBuilder(
                "java",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-cp",
                classpath.toString(),
                "org.apache.camel.main.Main")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("integration.log").toFile())
            .start();
    children.add(p);
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create("http://127.0.0.1:" + port + "/observe/health/ready");
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertThat(p.isAlive())
                  .as(name + " exited; see " + dir.resolve("integration.log"))
                  .isTrue();
              try {
                return http.send(
                            HttpRequest.newBuilder(ready).build(),
                            HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                    == 200;
              } catch (IOException e) {
                return false;
              }
            });
    System.out.printf(
        "CAMELK-RUNTIME integration=%s startup_to_ready_ms=%d%n",
        name, (System.nanoTime() - started) / 1_000_000);
    // our bus connection is a readiness check in camel-main's registry, as Camel K's runtime
    // reads it
    assertThat(get(ready).body()).as(name + " readiness").contains("\"bus nats:");
    readiness.put(name, ready);
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertNoApplication(List<Path> jars) throws IOException {
    Set<String> found = new TreeSet<>();
    for (Path jar : jars) {
      String file = jar.getFileName().toString();
      for (String a : APPLICATION_JARS) if (file.startsWith(a + "-")) found.add(file);
      if (file.matches("ofn-events-\\d.*")) found.add(file);
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        zip.stream()
            .filter(e -> APPLICATION_PACKAGES.stream().anyMatch(e.getName()::startsWith))
            .findFirst()
            .ifPresent(e -> found.add(file + "!" + e.getName()));
      }
    }
    assertThat(found)
        .as("the CLI, operator, bench or a logging backend on the class path")
        .isEmpty();
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
