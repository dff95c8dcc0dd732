package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.runtime.parking.ParkedEvents;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.LogCapture;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.ProducerTemplate;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * The in-memory bus parks like JetStream does: an event one subscriber rejects, and one it keeps
 * failing, are parked in memory while the events behind them flow and the healthy subscriber gets
 * each event once; a replay then delivers the parked one to that subscriber only.
 */
class MemoryParkingIT {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String RESOURCES =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default}
      spec: {inMemory: {}}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata: {name: pick}
      spec:
        eventBus: default
        maxDeliveries: 2
        inputs:
          a: {eventSource: es, event: a}
        subscribers:
          - condition: a
            sink: {uri: "SINK/healthy"}
          - condition: a
            sink: {uri: "SINK/picky"}
            delivery: {retry: 0}
      """;

  @Test
  void poisonEventsAreParkedInMemoryAndTheOthersFlow() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        LogCapture log = LogCapture.open()) {
      AtomicBoolean fixed = new AtomicBoolean();
      sink.respondWith(
          r -> {
            if (!r.path().equals("/picky") || fixed.get()) return 200;
            return switch (r.header("ce-id")) {
              case "poison" -> 422;
              case "stuck" -> 500;
              default -> 200;
            };
          });
      try (TestRuntime rt = TestRuntime.start(RESOURCES.replace("SINK", sink.url("")))) {
        ProducerTemplate template = rt.runtime().context().createProducerTemplate();
        List<String> sent = new ArrayList<>(List.of("poison", "stuck"));
        for (int i = 1; i <= 30; i++) sent.add("e-" + i);
        for (String id : sent) {
          template.sendBodyAndHeaders(
              "ofn-bus:default-es-a?driver=memory",
              id.getBytes(StandardCharsets.UTF_8),
              Map.of("ce-id", id, "ce-specversion", "1.0", "ce-source", "/t", "ce-type", "t"));
        }
        List<String> good = sent.subList(2, sent.size());
        await().atMost(WAIT).until(() -> delivered(sink, "/picky").containsAll(good));
        ParkedEvents parked = new ParkedEvents(rt.runtime().context());
        await().atMost(WAIT).until(() -> parked.list("default/pick", 10).size() == 2);

        assertThat(FaultReport.of("memory-parking/healthy", sent, ids(sink, "/healthy")).check())
            .extracting(FaultReport::duplicates)
            .isEqualTo(0);
        assertThat(ids(sink, "/picky")).filteredOn("poison"::equals).hasSize(1);
        assertThat(ids(sink, "/picky")).filteredOn("stuck"::equals).hasSize(2);
        assertThat(log.matching(Level.WARN, LogLines.regex(LogLines.PARKED))).hasSize(2);

        ParkedEvents.Parked poison =
            parked.list("default/pick", 10).stream()
                .filter(p -> p.event().eventId().equals("poison"))
                .findFirst()
                .orElseThrow();
        assertThat(poison.event().subscriber()).isEqualTo(1);
        assertThat(poison.event().headers()).containsEntry("ce-ofnerrorcode", "422");
        fixed.set(true);
        parked.replay(poison.address());
        assertThat(delivered(sink, "/picky")).filteredOn("poison"::equals).hasSize(1);
        assertThat(ids(sink, "/healthy")).filteredOn("poison"::equals).hasSize(1);
        assertThat(parked.list("default/pick", 10))
            .extracting(p -> p.event().eventId())
            .containsExactly("stuck");
      }
    }
  }

  private static List<String> ids(RecordingSink sink, String path) {
    return sink.requests().stream()
        .filter(r -> r.path().equals(path))
        .map(r -> r.header("ce-id"))
        .toList();
  }

  private static List<String> delivered(RecordingSink sink, String path) {
    return sink.delivered(path).stream().map(r -> r.header("ce-id")).toList();
  }
}
