package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.testing.ManagedRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An EventSource publishing to an in-memory topic no Trigger reads: its events are dropped (there
 * is nothing to keep them for), and that is visible: counted per subject and said once at WARN, not
 * at DEBUG per event. Runs the packaged runtime and reads its output and /metrics.
 */
class UnconsumedTopicIT {
  private static final String RESOURCES =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default}
      spec: {inMemory: {}}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventSource
      metadata: {name: lonely}
      spec:
        eventBus: default
        cron:
          tick: {schedule: "@every 1s"}
      """;

  @Test
  void eventsNobodyConsumesAreCountedAndLoggedOncePerSubject(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("resources.yaml"), RESOURCES);
    try (ManagedRuntime rt = ManagedRuntime.start(dir, List.of())) {
      rt.awaitReady(Duration.ofSeconds(60));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  rt.metrics()
                          .value(
                              "ofn_bus_events_unconsumed_total", "subject", "default-lonely-tick")
                      >= 3);
      Pattern line =
          Pattern.compile(
              "WARN .*"
                  + Pattern.quote(LogLines.format(LogLines.UNCONSUMED, "default-lonely-tick")));
      assertThat(line.matcher(rt.log()).results().count()).isEqualTo(1);
    }
  }
}
