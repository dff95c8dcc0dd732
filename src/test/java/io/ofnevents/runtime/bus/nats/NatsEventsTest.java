package io.ofnevents.runtime.bus.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.impl.Headers;
import io.ofnevents.runtime.bus.BusMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NatsEventsTest {

  @ParameterizedTest
  @ValueSource(strings = {"plain", "100%", "héllo wörld", "日本語", "emoji 😀", "%41 stays", ""})
  void headerValuesSurviveTheAsciiOnlyNatsHeaders(String value) {
    String encoded = NatsEvents.encode(value);
    assertThat(encoded.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    assertThat(NatsEvents.decode(encoded)).isEqualTo(value);
  }

  @Test
  void printableAsciiIsLeftAsIsForPlainSubscribers() {
    assertThat(NatsEvents.encode("io.openfunction.events.cron"))
        .isEqualTo("io.openfunction.events.cron");
  }

  @Test
  void theDedupIdBecomesNatsMsgId() {
    Headers h =
        NatsEvents.headers(
            new BusMessage(Map.of("ce-id", "e-1", "ce-subject", "é"), new byte[0], "e-1@t-0"));
    assertThat(h.getFirst("ce-id")).isEqualTo("e-1");
    assertThat(h.getFirst("ce-subject")).isEqualTo("%C3%A9");
    assertThat(h.getFirst(NatsEvents.MSG_ID)).isEqualTo("e-1@t-0");
  }
}
