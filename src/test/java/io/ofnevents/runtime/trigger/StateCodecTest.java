package io.ofnevents.runtime.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {

  @Test
  void keepsEveryFieldOfEveryInputIncludingTheEventForDeliverAll() throws Exception {
    Map<String, InputState> inputs = new HashMap<>();
    byte[] body = {0, 1, (byte) 0xff, 'x'};
    inputs.put(
        "a",
        new InputState(
            Instant.parse("2024-03-05T06:07:08.123456789Z"),
            "e-1",
            "e-2",
            new StoredEvent(
                Map.of("ce-id", "e-1", "Content-Type", "application/octet-stream"), body)));
    inputs.put("b", new InputState(Instant.parse("2024-03-05T06:07:09Z"), "e-2", null, null));

    Map<String, InputState> back = StateCodec.decode(StateCodec.encode(inputs));

    assertThat(back).containsOnlyKeys("a", "b");
    assertThat(back.get("a").lastSeen()).isEqualTo(inputs.get("a").lastSeen());
    assertThat(back.get("a").consumedBy()).isEqualTo("e-2");
    assertThat(back.get("a").event().headers()).isEqualTo(inputs.get("a").event().headers());
    assertThat(back.get("a").event().body()).isEqualTo(body);
    assertThat(back.get("b")).isEqualTo(inputs.get("b"));
  }
}
