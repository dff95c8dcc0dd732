package io.ofnevents.runtime.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.condition.CompiledCondition;
import io.ofnevents.model.condition.ConditionCompiler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Trigger semantics on an explicit state store and clock (DESIGN §3.5): upstream by default,
 * resetOnFire as Argo Events.
 */
class ConditionSemanticsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Set<String> INPUTS = Set.of("eventA", "eventB");

  private static CompiledCondition cond(String expr) throws Exception {
    return ConditionCompiler.compile(expr, INPUTS);
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void inputIsTrueWhileItsLastEventIsWithinTheWindow() throws Exception {
    MemoryConditionStore store = new MemoryConditionStore(Duration.ofSeconds(60), false);
    store.record(List.of("eventA"), "a1", null, at(0));
    assertThat(store.record(List.of("eventB"), "b1", null, at(59)).truth())
        .containsEntry("eventA", true)
        .containsEntry("eventB", true);
    assertThat(store.record(List.of("eventB"), "b2", null, at(60)).truth())
        .containsEntry("eventA", false);
  }

  @Test
  void upstreamFiresOnEveryLaterEventWhileTheConditionHolds() throws Exception {
    MemoryConditionStore store = new MemoryConditionStore(Duration.ofSeconds(60), false);
    CompiledCondition both = cond("eventA && eventB");
    assertThat(both.test(store.record(List.of("eventB"), "b1", null, at(0)).truth())).isFalse();
    assertThat(both.test(store.record(List.of("eventA"), "a1", null, at(1)).truth())).isTrue();
    // No reset on firing: every further event of either input fires again.
    assertThat(both.test(store.record(List.of("eventB"), "b2", null, at(2)).truth())).isTrue();
    assertThat(both.test(store.record(List.of("eventA"), "a2", null, at(3)).truth())).isTrue();
  }

  @Test
  void everyConditionSeesTheSameSnapshotSoDuplicatesBothFire() throws Exception {
    MemoryConditionStore store = new MemoryConditionStore(Duration.ofSeconds(60), false);
    store.record(List.of("eventA"), "a1", null, at(0));
    Snapshot s = store.record(List.of("eventB"), "b1", null, at(1));
    ConditionContext ctx = new ConditionContext(store, s, true);
    org.apache.camel.Exchange ex =
        new org.apache.camel.support.DefaultExchange(
            new org.apache.camel.impl.DefaultCamelContext());
    // Two subscribers with the same condition and resetOnFire: both get the event that fired it.
    assertThat(ctx.test(cond("eventA && eventB"), ex)).isTrue();
    assertThat(ctx.test(cond("eventA && eventB"), ex)).isTrue();
    assertThat(ctx.test(cond("eventB"), ex)).isTrue();
  }

  @Test
  void resetOnFireConsumesTheInputsOfAFiredCondition() throws Exception {
    MemoryConditionStore store = new MemoryConditionStore(Duration.ofSeconds(60), false);
    org.apache.camel.Exchange ex =
        new org.apache.camel.support.DefaultExchange(
            new org.apache.camel.impl.DefaultCamelContext());
    CompiledCondition both = cond("eventA && eventB");
    store.record(List.of("eventA"), "a1", null, at(0));
    assertThat(
            new ConditionContext(store, store.record(List.of("eventB"), "b1", null, at(1)), true)
                .test(both, ex))
        .isTrue();
    // a1 and b1 were consumed: a new B alone does not fire again.
    assertThat(
            new ConditionContext(store, store.record(List.of("eventB"), "b2", null, at(2)), true)
                .test(both, ex))
        .isFalse();
    assertThat(
            new ConditionContext(store, store.record(List.of("eventA"), "a2", null, at(3)), true)
                .test(both, ex))
        .isTrue();
  }

  @Test
  void withResetOnFireOnlyOneOfTwoConcurrentEventsClaimsTheFiring() throws Exception {
    MemoryConditionStore store = new MemoryConditionStore(Duration.ofSeconds(60), false);
    org.apache.camel.Exchange ex =
        new org.apache.camel.support.DefaultExchange(
            new org.apache.camel.impl.DefaultCamelContext());
    CompiledCondition both = cond("eventA && eventB");
    store.record(List.of("eventA"), "a1", null, at(0));
    Snapshot first = store.record(List.of("eventB"), "b1", null, at(1));
    Snapshot second = store.record(List.of("eventA"), "a2", null, at(1));
    // Both snapshots see A and B true; b1 claims (a1? no: a2 replaced it) b1+a2... only one wins.
    boolean firstFired = new ConditionContext(store, first, true).test(both, ex);
    boolean secondFired = new ConditionContext(store, second, true).test(both, ex);
    assertThat(firstFired ^ secondFired).as("exactly one event fires").isTrue();
  }

  @Test
  void deliverAllKeepsTheLatestEventOfEachInput() throws Exception {
    MemoryConditionStore store = new MemoryConditionStore(Duration.ofSeconds(60), true);
    store.record(
        List.of("eventA"), "a1", new StoredEvent(Map.of("ce-id", "a1"), new byte[] {1}), at(0));
    Snapshot s =
        store.record(
            List.of("eventB"), "b1", new StoredEvent(Map.of("ce-id", "b1"), new byte[] {2}), at(1));
    assertThat(s.inputs().get("eventA").event().headers()).containsEntry("ce-id", "a1");
    assertThat(s.inputs().get("eventB").event().body()).containsExactly(2);
  }
}
