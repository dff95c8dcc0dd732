package io.ofnevents.runtime.trigger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The condition state of a Trigger as JSON, the value kept in JetStream KV: per input, when its
 * last event came and which it was, who consumed it, and (deliver: all) the event itself.
 */
final class StateCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StateCodec() {}

  record Input(
      String lastSeen,
      String lastEventId,
      String consumedBy,
      Map<String, String> headers,
      String body) {}

  static byte[] encode(Map<String, InputState> inputs) throws IOException {
    Map<String, Input> out = new TreeMap<>();
    inputs.forEach(
        (name, s) ->
            out.put(
                name,
                new Input(
                    s.lastSeen() == null ? null : s.lastSeen().toString(),
                    s.lastEventId(),
                    s.consumedBy(),
                    s.event() == null ? null : s.event().headers(),
                    s.event() == null
                        ? null
                        : Base64.getEncoder().encodeToString(s.event().body()))));
    return JSON.writeValueAsBytes(out);
  }

  static Map<String, InputState> decode(byte[] value) throws IOException {
    Map<String, Input> in = JSON.readValue(value, new TypeReference<Map<String, Input>>() {});
    Map<String, InputState> out = new HashMap<>();
    in.forEach(
        (name, i) ->
            out.put(
                name,
                new InputState(
                    i.lastSeen() == null ? null : Instant.parse(i.lastSeen()),
                    i.lastEventId(),
                    i.consumedBy(),
                    i.headers() == null
                        ? null
                        : new StoredEvent(i.headers(), Base64.getDecoder().decode(i.body())))));
    return out;
  }
}
