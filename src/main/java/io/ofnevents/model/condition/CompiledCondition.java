package io.ofnevents.model.condition;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Set;

/**
 * A Trigger condition compiled once into a CEL program; evaluating it never throws and, as
 * upstream, only a `true` result counts as a match.
 */
public final class CompiledCondition {
  private final String expression;
  private final Set<String> inputs;
  private final CelRuntime.Program program;

  CompiledCondition(String expression, Set<String> inputs, CelRuntime.Program program) {
    this.expression = expression;
    this.inputs = Set.copyOf(inputs);
    this.program = program;
  }

  public String expression() {
    return expression;
  }

  /** The input names the expression refers to. */
  public Set<String> inputs() {
    return inputs;
  }

  /** Evaluates against input truth values; inputs missing from `state` count as false. */
  public boolean test(Map<String, Boolean> state) {
    try {
      return Boolean.TRUE.equals(
          program.eval(name -> java.util.Optional.of(state.getOrDefault(name, false))));
    } catch (CelEvaluationException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
