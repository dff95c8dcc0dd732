package io.ofnevents.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `spec.concurrency` of a Trigger: its range, and that a core NATS bus ignores it. */
class TriggerConcurrencyTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1   | inMemory: {} | ",
        "256 | nats: {url: 'nats://n:4222'} | ",
        "0   | inMemory: {} | must be between 1 and 256",
        "257 | inMemory: {} | must be between 1 and 256",
        "1   | nats: {url: 'nats://n:4222', mode: core} | ",
        "4   | nats: {url: 'nats://n:4222', mode: core} | warning: has no effect on a core NATS bus",
      })
  void isCheckedAgainstItsRangeAndTheBus(int concurrency, String bus, String expected) {
    String yaml =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec: {%s}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: t}
        spec:
          eventBus: default
          concurrency: %d
          inputs:
            a: {eventSource: s, event: a}
          subscribers:
            - {condition: a, sink: {uri: "http://sink/"}}
        """
            .formatted(bus, concurrency);
    LoadResult loaded = YamlLoader.load("t.yaml", yaml, "default");
    assertThat(loaded.problems()).isEmpty();
    List<String> problems =
        Validator.validate(loaded.resources()).stream().map(p -> p.format()).toList();
    if (expected == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems)
          .singleElement()
          .asString()
          .startsWith("t.yaml:11: Trigger default/t: spec.concurrency: " + expected);
    }
  }
}
