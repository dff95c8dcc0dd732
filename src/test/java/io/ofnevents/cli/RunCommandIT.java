package io.ofnevents.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.runtime.ApiToken;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.RecordingSink;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run of the foundation: `ofn-events run DIR` on a cron (`@every 1s`) EventSource →
 * inMemory bus → Trigger → sink delivers a CloudEvent per tick, serves health, and stops cleanly
 * (exit 0) on SIGTERM.
 */
class RunCommandIT {
  @Test
  void deliversACloudEventPerTickAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      Files.writeString(
          dir.resolve("resources.yaml"),
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default}
          spec: {inMemory: {}}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: ticker}
          spec:
            eventBus: default
            cron:
              tick: {schedule: "@every 1s"}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: on-tick}
          spec:
            eventBus: default
            inputs:
              tick: {eventSource: ticker, event: tick}
            subscribers:
              - condition: tick
                sink: {uri: "SINK/ticks"}
          """
              .replace("SINK", sink.url("")));
      long started = System.nanoTime();
      try (ManagedRuntime child = ManagedRuntime.start(dir, List.of())) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !sink.delivered("/ticks").isEmpty() || !child.process().isAlive());
        assertThat(child.process().isAlive()).as(child.log()).isTrue();
        long firstEventMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("STARTUP process_start_to_first_event_ms=" + firstEventMs);

        await().atMost(Duration.ofSeconds(15)).until(() -> sink.delivered("/ticks").size() >= 3);
        List<RecordingSink.Request> events = sink.delivered("/ticks");
        Set<String> ids = events.stream().map(r -> r.header("ce-id")).collect(Collectors.toSet());
        assertThat(ids).hasSize(events.size());
        for (RecordingSink.Request e : events) {
          assertThat(e.header("ce-specversion")).isEqualTo("1.0");
          assertThat(e.header("ce-source"))
              .isEqualTo(
                  "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/ticker");
          assertThat(e.header("ce-type")).isEqualTo("io.openfunction.events.cron");
          assertThat(e.header("ce-subject")).isEqualTo("tick");
          assertThat(e.header("ce-ofntrigger")).isEqualTo("on-tick");
          assertThat(e.header("ce-ofninput")).isEqualTo("tick");
          assertThat(e.body()).isEmpty();
        }

        HttpResponse<String> ready = child.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"");

        int exit = child.terminate(Duration.ofSeconds(40));
        assertThat(exit).as(child.log()).isZero();
        assertThat(child.log())
            .contains("Started EventSource default/ticker: cron event tick")
            .contains("shutdown in");
      }
    }
  }

  @Test
  void aTokenInTheEnvironmentAndOnTheCommandLineIsRefusedWithoutStarting() throws Exception {
    try (ManagedRuntime child =
        ManagedRuntime.start(
            Path.of("examples/quickstart"), List.of("--console-token", "a"), ApiToken.ENV + "=b")) {
      assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.process().exitValue()).isEqualTo(1);
      assertThat(child.log())
          .contains("ofn-events run: the management API has one token")
          .contains("not --console-token and " + ApiToken.ENV)
          .doesNotContain("Started ");
    }
  }
}
