package io.ofnevents.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.condition.CompiledCondition;
import io.ofnevents.model.condition.ConditionCompiler;
import io.ofnevents.model.condition.ConditionException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random conditions, seeded so a failure reproduces: arbitrary token soup only ever compiles or
 * gives a ConditionException with a column, and random well-formed boolean expressions evaluate
 * exactly like a reference evaluator written here.
 */
class ConditionFuzzTest {
  private static final List<String> INPUTS = List.of("a", "b", "c");
  private static final String[] TOKENS = {
    "a", "b", "c", "d", "&&", "||", "!", "(", ")", "==", "!=", "?", ":", "true", "false", "1",
        "'s'",
    ".", "[", "]", "{", "}", ",", "size", "in", "+", "-", "\"", "\\", "é", " ", "null", "has(",
        "x.y"
  };

  @Test
  void tokenSoupNeverEscapesAsAnUnexpectedException() {
    Random random = new Random(42);
    int compiled = 0;
    for (int i = 0; i < 1500; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + random.nextInt(12);
      for (int t = 0; t < n; t++)
        sb.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextBoolean() ? " " : "");
      String expression = sb.toString();
      try {
        CompiledCondition c = ConditionCompiler.compile(expression, INPUTS);
        c.test(Map.of("a", true, "b", false, "c", true));
        compiled++;
      } catch (ConditionException e) {
        assertThat(e.getMessage()).as(expression).isNotBlank().doesNotContain("\n");
      } catch (RuntimeException e) {
        throw new AssertionError("unexpected " + e + " for condition: " + expression, e);
      }
    }
    assertThat(compiled).as("some random conditions are valid").isPositive();
  }

  @Test
  void wellFormedExpressionsEvaluateLikeTheReference() throws ConditionException {
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      Node expr = Node.random(random, 4);
      CompiledCondition c = ConditionCompiler.compile(expr.text(), INPUTS);
      for (int bits = 0; bits < 8; bits++) {
        Map<String, Boolean> state = new HashMap<>();
        for (int k = 0; k < 3; k++) state.put(INPUTS.get(k), (bits & (1 << k)) != 0);
        assertThat(c.test(state)).as("%s with %s", expr.text(), state).isEqualTo(expr.eval(state));
      }
      assertThat(INPUTS).containsAll(c.inputs());
    }
  }

  /** A random boolean expression and its meaning. */
  private record Node(String op, Node left, Node right, Node third, String name) {
    static Node random(Random r, int depth) {
      if (depth == 0 || r.nextInt(4) == 0) {
        return r.nextInt(8) == 0
            ? new Node("lit", null, null, null, String.valueOf(r.nextBoolean()))
            : new Node("var", null, null, null, INPUTS.get(r.nextInt(3)));
      }
      String op = List.of("&&", "||", "!", "==", "!=", "?:").get(r.nextInt(6));
      return new Node(op, random(r, depth - 1), random(r, depth - 1), random(r, depth - 1), null);
    }

    String text() {
      return switch (op) {
        case "var", "lit" -> name;
        case "!" -> "!(" + left.text() + ")";
        case "?:" -> "(" + left.text() + " ? " + right.text() + " : " + third.text() + ")";
        default -> "(" + left.text() + " " + op + " " + right.text() + ")";
      };
    }

    boolean eval(Map<String, Boolean> s) {
      return switch (op) {
        case "var" -> s.get(name);
        case "lit" -> Boolean.parseBoolean(name);
        case "!" -> !left.eval(s);
        case "&&" -> left.eval(s) && right.eval(s);
        case "||" -> left.eval(s) || right.eval(s);
        case "==" -> left.eval(s) == right.eval(s);
        case "!=" -> left.eval(s) != right.eval(s);
        default -> left.eval(s) ? right.eval(s) : third.eval(s);
      };
    }
  }
}
