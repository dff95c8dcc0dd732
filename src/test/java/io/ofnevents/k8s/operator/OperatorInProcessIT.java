package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ofnevents.model.Kind;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `operator --runtime in-process` against the mock API server: the CRs' routes really run in the
 * operator (cron → in-memory bus → Trigger → a local HTTP receiver) and follow spec changes.
 */
class OperatorInProcessIT {
  final List<String> received = new CopyOnWriteArrayList<>();
  MockCluster cluster;
  Operator operator;
  HttpServer receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    receiver.createContext(
        "/",
        ex -> {
          received.add(
              ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("ce-source"));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
    cluster = new MockCluster();
    operator =
        Operator.inProcess(
            cluster.client,
            null,
            new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()),
            "0.1.0");
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
    receiver.stop(0);
  }

  @Test
  void runsTheRoutesOfTheClusterResourcesAndFollowsChanges() {
    String sink = "http://127.0.0.1:" + receiver.getAddress().getPort();
    cluster.apply(OperatorTest.BUS);
    cluster.apply(OperatorTest.SOURCE.replace("@every 2s", "@every 1s"));
    cluster.apply(OperatorTest.TRIGGER.replace("http://display.default.svc", sink));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(received)
                    .contains(
                        "/ticks /apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/clock"));
    assertThat(cluster.ready(Kind.TRIGGER, "default", "watch"))
        .containsEntry("status", "True")
        .extracting(m -> String.valueOf(m.get("message")))
        .asString()
        .contains("in-process")
        .doesNotContain("inMemory");

    // A changed subscriber path shows up after the runtime restarted with the new routes.
    cluster.apply(
        OperatorTest.TRIGGER.replace("http://display.default.svc/ticks", sink + "/changed"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(received).anySatisfy(r -> assertThat(r).startsWith("/changed ")));
  }

  @Test
  void onlyTheLeaderRunsTheRoutesAndTheOtherReplicaTakesOverWhenItStops() throws IOException {
    operator.close();
    int portA = FreePorts.pick();
    int portB = FreePorts.pick();
    Operator a = replica("a", portA);
    await().atMost(Duration.ofSeconds(20)).until(a::leading);
    Operator b = replica("b", portB);
    await().atMost(Duration.ofSeconds(20)).until(b::ready);
    String sink = "http://127.0.0.1:" + receiver.getAddress().getPort();
    cluster.apply(OperatorTest.BUS);
    cluster.apply(OperatorTest.SOURCE.replace("@every 2s", "@every 1s"));
    cluster.apply(OperatorTest.TRIGGER.replace("http://display.default.svc", sink));
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() > 0);
    // The leader's runtime serves its management port; the follower runs no runtime at all.
    assertThat(serves(portA)).isTrue();
    assertThat(serves(portB)).isFalse();

    a.close();
    await().atMost(Duration.ofSeconds(30)).until(() -> serves(portB));
    assertThat(serves(portA)).isFalse();
    int before = received.size();
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() > before);
    b.close();
  }

  private Operator replica(String identity, int managementPort) {
    var client = cluster.server.createClient();
    var election =
        new LeaderElection(
            "default",
            "ofn-events-operator",
            identity,
            Duration.ofSeconds(2),
            Duration.ofMillis(1500),
            Duration.ofMillis(200));
    Operator o =
        Operator.inProcess(
            client,
            null,
            new RuntimeOptions(managementPort, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()),
            "0.1.0",
            election);
    o.start();
    return o;
  }

  private static boolean serves(int port) {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
