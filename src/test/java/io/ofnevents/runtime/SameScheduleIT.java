package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.Yamls;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two events with the same schedule in one EventSource both run (they used to be one endpoint). */
class SameScheduleIT {
  @Test
  void twoEventsWithTheSameScheduleBothFire() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      String yaml =
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: twins}
          spec:
            sink: {uri: "SINK/in"}
            cron:
              left: {schedule: "@every 1s"}
              right: {schedule: "@every 1s"}
          """
              .replace("SINK", sink.url(""));
      Bundle bundle =
          Compiler.compile(Yamls.load(yaml).resources(), CompileOptions.standalone("test"));
      try (OfnRuntime runtime =
          new OfnRuntime(
              bundle, new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()))) {
        runtime.start();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    sink.delivered("/in").stream()
                            .map(r -> r.header("ce-subject"))
                            .distinct()
                            .count()
                        == 2);
        assertThat(sink.delivered("/in"))
            .extracting(r -> r.header("ce-subject"))
            .contains("left", "right");
        // @every: {event}/{fire time}-{tick number}, so the two never share an id
        assertThat(sink.delivered("/in"))
            .extracting(r -> r.header("ce-id"))
            .allMatch(id -> id.matches("(left|right)/\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z-\\d+"))
            .doesNotHaveDuplicates();
      }
    }
  }
}
