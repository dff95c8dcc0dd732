package io.ofnevents.model.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionCompilerTest {
  private static final Set<String> INPUTS = Set.of("eventA", "eventB", "eventC");

  /** expression, A, B, C → expected result. */
  @ParameterizedTest(name = "{0} with A={1} B={2} C={3} is {4}")
  @CsvSource(
      delimiterString = " ; ",
      value = {
        "eventA ; true ; false ; false ; true",
        "eventA && eventB ; true ; false ; false ; false",
        "eventA && eventB ; true ; true ; false ; true",
        "eventA || eventB ; false ; false ; true ; false",
        "eventA || eventB ; false ; true ; false ; true",
        "!eventA ; false ; false ; false ; true",
        "(eventA || eventB) && !eventC ; true ; false ; true ; false",
        "(eventA || eventB) && !eventC ; false ; true ; false ; true",
        "eventA == eventB ; false ; false ; true ; true",
        "eventA != eventB ; true ; false ; false ; true",
        "eventA ? eventB : eventC ; true ; false ; true ; false",
        "eventA ? eventB : eventC ; false ; false ; true ; true",
        "true ; false ; false ; false ; true",
        "eventA && true ; true ; false ; false ; true",
      })
  void evaluatesLikeCel(String expression, boolean a, boolean b, boolean c, boolean expected)
      throws ConditionException {
    CompiledCondition cond = ConditionCompiler.compile(expression, INPUTS);
    assertThat(cond.test(Map.of("eventA", a, "eventB", b, "eventC", c))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiterString = " ; ",
      value = {
        "eventA && ; syntax error: ",
        "eventA && eventD ; unknown input \"eventD\" at column 11 (inputs: eventA, eventB, eventC)",
        "eventX ; unknown input \"eventX\" at column 1",
        "eventA + 1 ; at column",
        "1 + 2 ; must be a boolean expression",
        "1.5 ; must be a boolean expression",
        "event-a ; unknown input \"event\"",
        "(eventA ; syntax error: ",
      })
  void rejectsBadConditionsWithTheColumn(String expression, String message) {
    assertThatThrownBy(() -> ConditionCompiler.compile(expression, INPUTS))
        .isInstanceOf(ConditionException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void emptyConditionIsRejected() {
    assertThatThrownBy(() -> ConditionCompiler.compile("  ", INPUTS))
        .hasMessage("condition is empty");
  }

  @org.junit.jupiter.api.Test
  void reportsWhichInputsAConditionUses() throws ConditionException {
    assertThat(ConditionCompiler.compile("eventA && !eventC", INPUTS).inputs())
        .containsExactlyInAnyOrder("eventA", "eventC");
    assertThat(ConditionCompiler.compileStandalone("x || y").inputs())
        .containsExactlyInAnyOrder("x", "y");
  }

  @org.junit.jupiter.api.Test
  void inputNamesMustBeCelIdentifiers() {
    assertThat(ConditionCompiler.isValidInputName("inputDemo")).isTrue();
    assertThat(ConditionCompiler.isValidInputName("_a1")).isTrue();
    assertThat(ConditionCompiler.isValidInputName("event-a")).isFalse();
    assertThat(ConditionCompiler.isValidInputName("1a")).isFalse();
    assertThat(ConditionCompiler.isValidInputName("in")).isFalse();
  }
}
