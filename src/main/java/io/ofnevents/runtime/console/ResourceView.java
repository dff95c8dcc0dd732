package io.ofnevents.runtime.console;

import io.ofnevents.model.ConditionStateSpec;
import io.ofnevents.model.Durations;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.Subscriber;
import io.ofnevents.model.Trigger;
import io.ofnevents.model.condition.CompiledCondition;
import io.ofnevents.model.condition.ConditionCompiler;
import io.ofnevents.model.condition.ConditionException;
import io.ofnevents.runtime.parking.ParkingOwners;
import io.ofnevents.runtime.trigger.InputState;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The JSON of one resource (`/api/resources/...`) and of its recent events (`/api/events`). */
final class ResourceView {
  static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

  private ResourceView() {}

  /**
   * `Kind/namespace/name`, `-` for the namespace of a cluster-scoped resource; a Knative kind is
   * `Kind.group` (`Trigger.eventing.knative.dev/ns/name`), so the two Triggers never meet.
   */
  static String ref(ResourceId id) {
    return ParkingOwners.ref(id);
  }

  static Map<String, Object> summary(ConsoleResource r) {
    ResourceId id = r.resource().id();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ref", ref(id));
    m.put("kind", id.kind().displayName());
    m.put("namespace", id.namespace());
    m.put("name", id.name());
    m.put("warnings", r.problems().size());
    return m;
  }

  static Map<String, Object> detail(ConsoleResource r, LiveState live, ParkedView parked)
      throws Exception {
    Resource res = r.resource();
    Map<String, Object> m = summary(r);
    m.put("file", r.file());
    m.put("line", r.line());
    m.put("yaml", ResourceYaml.of(res));
    m.put("problems", r.problems().stream().map(Problem::format).toList());
    m.put("routes", ResourceYaml.routes(r.routesYaml()));
    m.put("routeProblems", live.running() ? live.routeProblems(res.id()) : List.of());
    m.put("events", events(live.events(res.id())));
    if (res instanceof Trigger t) m.put("conditions", conditions(t, live, Instant.now()));
    m.put("parked", parked.detail(res.id()));
    return m;
  }

  /** Newest first. */
  static List<Map<String, Object>> events(List<RecordedEvent> events) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      RecordedEvent e = events.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", Instant.ofEpochMilli(e.at()).toString());
      m.put("detail", e.detail());
      m.put("id", e.attributes().get("ce-id"));
      m.put("attributes", e.attributes());
      m.put("size", e.size());
      preview(e, m);
      m.put("outcome", e.outcome());
      m.put("error", e.error());
      out.add(m);
    }
    return out;
  }

  private static void preview(RecordedEvent e, Map<String, Object> m) {
    if (e.preview() == null) return;
    m.put("truncated", e.size() > e.preview().length);
    try {
      String text =
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(e.preview())).toString();
      m.put("preview", text);
      m.put("previewEncoding", "text");
    } catch (CharacterCodingException notText) {
      // also what a multi-byte character cut at the preview's end gives: shown as base64 then
      m.put("preview", Base64.getEncoder().encodeToString(e.preview()));
      m.put("previewEncoding", "base64");
    }
  }

  /** Each subscriber's condition now: its value and, per input, whether it holds and its age. */
  static List<Map<String, Object>> conditions(Trigger t, LiveState live, Instant now)
      throws Exception {
    Map<String, InputState> state = live.running() ? live.conditionState(t.id()) : null;
    Duration window = window(t.spec().conditionState());
    List<Map<String, Object>> out = new ArrayList<>();
    List<Subscriber> subs = t.spec().subscribers();
    for (int i = 0; i < subs.size(); i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("subscriber", i);
      c.put("condition", subs.get(i).condition());
      c.put("known", state != null);
      CompiledCondition compiled;
      try {
        compiled = ConditionCompiler.compile(subs.get(i).condition(), t.spec().inputs().keySet());
      } catch (ConditionException e) {
        c.put("error", e.getMessage());
        out.add(c);
        continue;
      }
      Map<String, Boolean> truth = new HashMap<>();
      List<Map<String, Object>> inputs = new ArrayList<>();
      for (String name : new TreeSet<>(compiled.inputs())) {
        InputState s = state == null ? null : state.get(name);
        boolean on = s != null && s.isTrue(now, window, null);
        truth.put(name, on);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("input", name);
        in.put("value", on);
        in.put(
            "lastEventAgeMs",
            s == null || s.lastSeen() == null
                ? null
                : Duration.between(s.lastSeen(), now).toMillis());
        in.put("lastEventId", s == null ? null : s.lastEventId());
        in.put("consumed", s != null && s.consumedBy() != null);
        inputs.add(in);
      }
      c.put("value", state != null && compiled.test(truth));
      c.put("windowMs", window.toMillis());
      c.put("inputs", inputs);
      out.add(c);
    }
    return out;
  }

  private static Duration window(ConditionStateSpec cs) {
    return cs == null || cs.window() == null ? DEFAULT_WINDOW : Durations.parse(cs.window());
  }
}
