package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.ofnevents.compile.Names;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.MockApiServer;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PrometheusText;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.Yamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ApiServerSource on a JetStream bus (its resume state in the KV bucket) while ConfigMaps are
 * created, updated and deleted, against a mock API server whose watches resume from a
 * resourceVersion as a real one's do within its watch cache ({@link MockApiServer#startResumable}):
 * the API server stopped mid-stream (every watch cut) and started again; the runtime (a child JVM)
 * killed with SIGKILL mid-stream and started again while the changes go on. Every change the API
 * server made (by uid, resourceVersion and type: the `ce-id`) must reach the sink; the bus must
 * store each once (a change sent again after the kill has the same id, and JetStream keeps one).
 */
class ApiServerResumeIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final String WATCH_PATH = "/api/v1/namespaces/default/configmaps";

  @TempDir Path dir;

  /** A JetStream bus and ApiServerSource `name` (each test its own: the bus outlives tests). */
  static String resources(String name, String sink) {
    return Fixtures.of(
        Fixtures.jetStreamBus(nats.url(), "5s"),
        """
        apiVersion: sources.knative.dev/v1
        kind: ApiServerSource
        metadata: {name: %s}
        spec:
          mode: Reference
          resources:
            - {apiVersion: v1, kind: ConfigMap}
          sink: {uri: "%s"}
        """
            .formatted(name, sink));
  }

  @Test
  void aWatchCutMidStreamResumesWithEveryChangeOnce() throws Exception {
    try (MockApiServer api = MockApiServer.startResumable();
        RecordingSink sink = RecordingSink.start();
        KnRuntime runtime =
            KnRuntime.start(
                Yamls.load(resources("cut", sink.url("/cut"))),
                List.of(),
                api.runProperties(dir))) {
      awaitWatch(api, Duration.ofSeconds(60));
      Writer writer = new Writer(api::sideClient, 150);
      Thread t = writer.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> writer.made.get() >= 150);
      api.stop();
      int madeAtCut = writer.made.get();
      int deliveredAtCut = sink.delivered("/cut").size();
      // changes go on (through the mock's other port) while the runtime's watch is cut
      await().atMost(Duration.ofSeconds(60)).until(() -> writer.made.get() >= 300);
      int madeAtRestart = writer.made.get();
      api.restart();
      t.join(Duration.ofSeconds(120).toMillis());
      assertThat(writer.made.get()).as("changes made").isEqualTo(450);
      FaultReport r = awaitAll("kn-apiserver-watch-cut", "cut", api, sink, Duration.ofSeconds(90));
      System.out.printf(
          "RESUME kn-apiserver-watch-cut made_at_cut=%d delivered_at_cut=%d made_during_cut=%d%n",
          madeAtCut, deliveredAtCut, madeAtRestart - madeAtCut);
      // nothing was resent: the runtime ran throughout, the watch resumed where it was
      assertThat(r.duplicates()).as("changes delivered twice").isZero();
      assertThat(api.requests())
          .as("the watch resumed from a resourceVersion, without listing again")
          .filteredOn(ApiServerResumeIT::isList)
          .hasSize(1);
    }
  }

  @Test
  void aRuntimeKilledMidStreamResumesFromItsKvStateAndTheBusStoresEachChangeOnce()
      throws Exception {
    try (MockApiServer api = MockApiServer.startResumable();
        RecordingSink sink = RecordingSink.start();
        Connection nc = Nats.connect(nats.url())) {
      Path file = dir.resolve("resources.yaml");
      Files.writeString(file, resources("kill", sink.url("/kill")));
      List<String> args =
          List.of("--kubeconfig", api.kubeconfig(dir).toString(), "--ingress-port", "0");
      ManagedRuntime first = ManagedRuntime.start(file, args);
      awaitWatch(api, Duration.ofSeconds(120));
      Writer writer = new Writer(api::sideClient, 200);
      Thread t = writer.start();
      await()
          .atMost(Duration.ofSeconds(90))
          .failFast("runtime died", () -> !first.isAlive())
          .until(() -> sink.delivered("/kill").size() >= 150);
      first.kill();
      int madeAtKill = writer.made.get();
      int deliveredAtKill = sink.delivered("/kill").size();
      // changes go on while no runtime watches
      await().atMost(Duration.ofSeconds(60)).until(() -> writer.made.get() >= madeAtKill + 90);
      try (ManagedRuntime second = ManagedRuntime.start(file, args)) {
        t.join(Duration.ofSeconds(180).toMillis());
        assertThat(writer.made.get()).as("changes made").isEqualTo(600);
        FaultReport r = awaitAll("kn-apiserver-kill9", "kill", api, sink, Duration.ofSeconds(180));
        long stored =
            nc.jetStreamManagement()
                .getStreamInfo(Names.stream(Names.apiServerSubject("default", "kill")))
                .getStreamState()
                .getMsgCount();
        long resent = duplicates(second.metrics());
        System.out.printf(
            "RESUME kn-apiserver-kill9 changes=%d made_at_kill=%d delivered_at_kill=%d stored=%d"
                + " resent_deduplicated=%d sink_duplicates=%d%n",
            r.sent(), madeAtKill, deliveredAtKill, stored, resent, r.duplicates());
        // a change sent before the kill but not yet saved as delivered is sent again with the
        // same ce-id: JetStream keeps one copy
        assertThat(stored).as("events the bus stored").isEqualTo(r.sent());
        assertThat(second.log()).doesNotContain("Listed v1 ConfigMap");
        assertThat(api.requests().stream().filter(ApiServerResumeIT::isList))
            .as("lists: the first runtime's at its fresh start only; the second resumed")
            .hasSize(1);
      }
    }
  }

  @Test
  void aVersionTheApiServerNoLongerHasListsAgainAndSendsTheDifference() throws Exception {
    try (MockApiServer api = MockApiServer.startResumable();
        RecordingSink sink = RecordingSink.start()) {
      String yaml = resources("relist", sink.url("/relist"));
      KubernetesClient c = api.client();
      var cms = c.configMaps().inNamespace("default");
      try (KnRuntime first = KnRuntime.start(Yamls.load(yaml), List.of(), api.runProperties(dir))) {
        awaitWatch(api, Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) cms.resource(configMap("cm-" + i)).create();
        for (int i = 0; i < 5; i++) cms.withName("cm-" + i).edit(this::second);
        awaitAll("kn-apiserver-before-410", "relist", api, sink, Duration.ofSeconds(60));
      }
      int before = sink.delivered("/relist").size();
      // what the runtime knew: each object's last change
      Map<String, io.fabric8.kubernetes.api.model.ConfigMap> known = new java.util.HashMap<>();
      cms.list().getItems().forEach(o -> known.put(o.getMetadata().getName(), o));
      // meanwhile, with no runtime watching
      for (int i = 0; i < 3; i++) cms.withName("cm-" + i).delete();
      for (int i = 5; i < 8; i++) cms.withName("cm-" + i).edit(this::second);
      for (int i = 0; i < 5; i++) cms.resource(configMap("new-" + i)).create();
      cms.withName("new-3").edit(this::second);
      cms.withName("new-4").delete();
      api.expire(); // and the API server's watch cache forgot where the runtime was
      Map<String, String> expected = new java.util.HashMap<>();
      for (int i = 0; i < 3; i++) {
        var gone = known.get("cm-" + i).getMetadata();
        // the delete as the runtime knew the object last: the change that removed it was not seen
        expected.put(id("relist", gone.getUid(), gone.getResourceVersion(), "delete"), "delete");
      }
      for (var o : cms.list().getItems()) {
        String name = o.getMetadata().getName();
        var was = known.get(name);
        String rv = o.getMetadata().getResourceVersion();
        if (was == null) expected.put(id("relist", o.getMetadata().getUid(), rv, "add"), "add");
        else if (!was.getMetadata().getResourceVersion().equals(rv)) {
          expected.put(id("relist", o.getMetadata().getUid(), rv, "update"), "update");
        }
      }
      assertThat(expected).hasSize(10); // 3 deletes, 3 updates, 4 adds (new-3 once, new-4 never)
      try (KnRuntime second =
          KnRuntime.start(Yamls.load(yaml), List.of(), api.runProperties(dir))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> sink.delivered("/relist").size() >= before + expected.size());
        List<RecordingSink.Request> all = sink.delivered("/relist");
        List<RecordingSink.Request> after = all.subList(before, all.size());
        FaultReport.of(
                "kn-apiserver-410-relist",
                expected.keySet(),
                after.stream().map(q -> q.header("ce-id")).toList())
            .check();
        assertThat(after).hasSize(expected.size());
        for (RecordingSink.Request q : after) {
          assertThat(q.header("ce-type"))
              .isEqualTo("dev.knative.apiserver.ref." + expected.get(q.header("ce-id")));
        }
        assertThat(api.requests().stream().filter(ApiServerResumeIT::isList))
            .as("the first start's list, and the one after 410 Gone")
            .hasSize(2);
      }
    }
  }

  /**
   * A crash between a send and the write of where to resume, made certain: the KV state is put back
   * as it was 30 changes earlier, so the runtime resumes from there and sends those 30 again, with
   * the ids they had. JetStream keeps one copy of each; the sink gets each change once.
   */
  @Test
  void aResendWithTheSameIdIsStoredOnceByTheBus() throws Exception {
    try (MockApiServer api = MockApiServer.startResumable();
        RecordingSink sink = RecordingSink.start();
        Connection nc = Nats.connect(nats.url())) {
      String yaml = resources("resend", sink.url("/resend"));
      var cms = api.client().configMaps().inNamespace("default");
      var kv = nc.keyValue(Names.APISERVER_BUCKET);
      String prefix = Names.apiServerStateKey("default", "resend", "v1", "ConfigMap", "default");
      Map<String, byte[]> saved = new java.util.HashMap<>();
      try (KnRuntime first = KnRuntime.start(Yamls.load(yaml), List.of(), api.runProperties(dir))) {
        awaitWatch(api, Duration.ofSeconds(60));
        for (int i = 0; i < 20; i++) cms.resource(configMap("cm-" + i)).create();
        awaitAll("kn-apiserver-resend-first", "resend", api, sink, Duration.ofSeconds(60));
        for (String k : kv.keys()) {
          if (k.startsWith(prefix + ".")) saved.put(k, kv.get(k).getValue());
        }
        for (int i = 0; i < 20; i++) cms.withName("cm-" + i).edit(this::second);
        for (int i = 0; i < 10; i++) cms.withName("cm-" + i).delete();
        awaitAll("kn-apiserver-resend-first", "resend", api, sink, Duration.ofSeconds(60));
      }
      // as if the runtime had died before writing any of the last 30
      for (String k : kv.keys()) {
        if (k.startsWith(prefix + ".") && !saved.containsKey(k)) kv.delete(k);
      }
      saved.forEach(
          (k, v) -> {
            try {
              kv.put(k, v);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      try (KnRuntime second =
          KnRuntime.start(Yamls.load(yaml), List.of(), api.runProperties(dir))) {
        await().atMost(Duration.ofSeconds(60)).until(() -> duplicates(second.metrics()) >= 30);
        FaultReport r =
            awaitAll("kn-apiserver-resend", "resend", api, sink, Duration.ofSeconds(30));
        long stored =
            nc.jetStreamManagement()
                .getStreamInfo(Names.stream(Names.apiServerSubject("default", "resend")))
                .getStreamState()
                .getMsgCount();
        System.out.printf(
            "RESUME kn-apiserver-resend changes=%d resent=%d stored=%d sink_duplicates=%d%n",
            r.sent(), duplicates(second.metrics()), stored, r.duplicates());
        assertThat(r.sent()).isEqualTo(50);
        assertThat(stored).as("events the bus stored").isEqualTo(50);
        assertThat(r.duplicates()).as("changes the sink got twice").isZero();
      }
    }
  }

  private static long duplicates(PrometheusText metrics) {
    return Math.round(
        metrics.find("ofn_bus_duplicates_total").stream()
            .mapToDouble(PrometheusText.Sample::value)
            .sum());
  }

  private static io.fabric8.kubernetes.api.model.ConfigMap configMap(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .addToData("v", "1")
        .build();
  }

  private io.fabric8.kubernetes.api.model.ConfigMap second(
      io.fabric8.kubernetes.api.model.ConfigMap cm) {
    return new ConfigMapBuilder(cm).addToData("v", "2").build();
  }

  private static String id(String source, String uid, String rv, String change) {
    return Names.apiServerEventId("default", source, uid, rv, change);
  }

  /** Waits until every change the API server made reached the sink; checks and prints. */
  private static FaultReport awaitAll(
      String name, String source, MockApiServer api, RecordingSink sink, Duration timeout) {
    List<String> expected = expectedIds(api, source);
    try {
      await()
          .atMost(timeout)
          .until(
              () ->
                  sink.delivered("/" + source).stream()
                      .map(q -> q.header("ce-id"))
                      .collect(java.util.stream.Collectors.toSet())
                      .containsAll(expected));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // the report below says which are missing
    }
    return FaultReport.of(
            name,
            expected,
            sink.delivered("/" + source).stream().map(q -> q.header("ce-id")).toList())
        .check();
  }

  /** The `ce-id` of every change the API server made, as the source names them. */
  private static List<String> expectedIds(MockApiServer api, String source) {
    Map<String, String> words = Map.of("ADDED", "add", "MODIFIED", "update", "DELETED", "delete");
    return api.changes().stream()
        .filter(c -> c.kind().equals("ConfigMap"))
        .map(c -> id(source, c.uid(), String.valueOf(c.resourceVersion()), words.get(c.type())))
        .toList();
  }

  private static boolean isList(String request) {
    return request.startsWith("GET " + WATCH_PATH + "?") && !request.contains("watch=true");
  }

  private static void awaitWatch(MockApiServer api, Duration timeout) {
    await()
        .atMost(timeout)
        .until(
            () ->
                api.requests().stream()
                    .anyMatch(
                        q -> q.startsWith("GET " + WATCH_PATH + "?") && q.contains("watch=true")));
  }

  /**
   * Creates, updates and deletes `objects` ConfigMaps one after the other; a change the API server
   * refuses (it is away) is tried again until it is made.
   */
  static final class Writer {
    final AtomicInteger made = new AtomicInteger();
    private final Supplier<KubernetesClient> client;
    private final int objects;

    Writer(Supplier<KubernetesClient> client, int objects) {
      this.client = client;
      this.objects = objects;
    }

    Thread start() {
      Thread t = new Thread(this::run, "configmap-writer");
      t.setDaemon(true);
      t.start();
      return t;
    }

    private void run() {
      for (int i = 0; i < objects; i++) {
        String name = "cm-" + i;
        change(
            () -> {
              try {
                client
                    .get()
                    .configMaps()
                    .inNamespace("default")
                    .resource(
                        new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .withNamespace("default")
                            .endMetadata()
                            .addToData("v", "1")
                            .build())
                    .create();
              } catch (KubernetesClientException e) {
                if (e.getCode() != 409) throw e; // made before the answer was lost
              }
            });
        change(
            () ->
                client
                    .get()
                    .configMaps()
                    .inNamespace("default")
                    .withName(name)
                    .edit(cm -> new ConfigMapBuilder(cm).addToData("v", "2").build()));
        change(() -> client.get().configMaps().inNamespace("default").withName(name).delete());
      }
    }

    private void change(Runnable op) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                try {
                  op.run();
                  return true;
                } catch (RuntimeException e) {
                  return false;
                }
              });
      made.incrementAndGet();
    }
  }
}
