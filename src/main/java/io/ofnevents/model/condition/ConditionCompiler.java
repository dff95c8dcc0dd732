package io.ofnevents.model.condition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSource;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compiles Trigger conditions: CEL over the input names as booleans (as upstream, which used
 * cel-go). Syntax errors, unknown inputs and non-boolean results are reported with their column.
 */
public final class ConditionCompiler {
  private static final Pattern IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");
  private static final CelCompiler PARSER = CelCompilerFactory.standardCelCompilerBuilder().build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private ConditionCompiler() {}

  /** Whether `name` can be used as a variable in a condition. */
  public static boolean isValidInputName(String name) {
    return IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
  }

  /** Compiles `expression` with `inputs` declared as boolean variables. */
  public static CompiledCondition compile(String expression, Collection<String> inputs)
      throws ConditionException {
    if (expression == null || expression.isBlank()) {
      throw new ConditionException("condition is empty", 0);
    }
    CelAbstractSyntaxTree parsed = parse(expression);
    Set<String> referenced = new LinkedHashSet<>();
    for (CelNavigableExpr node : identifiers(parsed)) {
      String name = node.expr().ident().name();
      if (!inputs.contains(name)) {
        throw new ConditionException(
            "unknown input \""
                + name
                + "\" at column "
                + column(parsed.getSource(), node.id())
                + " (inputs: "
                + String.join(", ", new TreeSet<>(inputs))
                + ")",
            column(parsed.getSource(), node.id()));
      }
      referenced.add(name);
    }
    CelCompilerBuilder builder = PARSER.toCompilerBuilder().setResultType(SimpleType.BOOL);
    for (String input : inputs) builder.addVar(input, SimpleType.BOOL);
    CelValidationResult checked = builder.build().check(parsed);
    if (checked.hasError()) throw fromIssues(checked.getErrors(), "");
    try {
      return new CompiledCondition(expression, referenced, RUNTIME.createProgram(checked.getAst()));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new ConditionException("cannot compile: " + e.getMessage(), 0);
    }
  }

  /**
   * Compiles `expression` declaring exactly the identifiers it uses; for the runtime, where the
   * input list was already checked by validation.
   */
  public static CompiledCondition compileStandalone(String expression) throws ConditionException {
    CelAbstractSyntaxTree parsed = parse(expression);
    Set<String> names = new LinkedHashSet<>();
    for (CelNavigableExpr node : identifiers(parsed)) names.add(node.expr().ident().name());
    return compile(expression, names);
  }

  private static CelAbstractSyntaxTree parse(String expression) throws ConditionException {
    CelValidationResult result = PARSER.parse(expression);
    if (result.hasError()) throw fromIssues(result.getErrors(), "syntax error: ");
    try {
      return result.getAst();
    } catch (CelValidationException e) {
      throw new ConditionException("syntax error: " + e.getMessage(), 0);
    }
  }

  private static List<CelNavigableExpr> identifiers(CelAbstractSyntaxTree ast) {
    return CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.IDENT)
        .toList();
  }

  private static int column(CelSource source, long exprId) {
    Integer offset = source.getPositionsMap().get(exprId);
    if (offset == null) return 0;
    return source.getOffsetLocation(offset).map(l -> l.getColumn() + 1).orElse(offset + 1);
  }

  private static ConditionException fromIssues(List<CelIssue> issues, String prefix) {
    CelIssue first = issues.get(0);
    int column = first.getSourceLocation().getColumn() + 1;
    String message = first.getMessage().replace("ERROR: <input>:", "");
    if (message.contains("expected type 'bool'") || message.contains("but found")) {
      message = "must be a boolean expression: " + message;
    }
    return new ConditionException(prefix + message + " at column " + column, column);
  }
}
