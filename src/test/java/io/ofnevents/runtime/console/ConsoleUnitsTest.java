package io.ofnevents.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The redaction and the ring of recent events. */
class ConsoleUnitsTest {
  @Test
  void urlsLoseTheirPasswordsAndTokensAndKnownSecretsAreScrubbed() {
    String text =
        Redaction.text("POST http://ofn:pw-1@h:80/in?token=tk-2&x=1 failed; nats://tok-3@n:4222");
    assertThat(text).doesNotContain("pw-1", "tk-2", "tok-3").contains("http://ofn:xxxxxx@h:80/in");
    Redaction r = new Redaction(List.of("literal-4", "ab"));
    assertThat(r.scrub("{\"x\":\"literal-4\",\"y\":\"ab\"}"))
        .isEqualTo("{\"x\":\"xxxxxx\",\"y\":\"ab\"}");
  }

  @Test
  void theRingKeepsTheLastEventsOldestFirst() {
    EventRing ring = new EventRing(3);
    for (int i = 0; i < 5; i++) ring.add(new RecordedEvent(i, "e", Map.of(), 0, null, "ok", null));
    assertThat(ring.snapshot()).extracting(RecordedEvent::at).containsExactly(2L, 3L, 4L);
    assertThat(ring.written()).isEqualTo(5);
  }
}
