package io.ofnevents.runtime.trigger;

import io.ofnevents.model.condition.CompiledCondition;
import io.ofnevents.model.condition.ConditionCompiler;
import io.ofnevents.model.condition.ConditionException;
import io.ofnevents.runtime.parking.DeliveryTrack;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.ExpressionIllegalSyntaxException;
import org.apache.camel.Predicate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.ExpressionSupport;
import org.apache.camel.support.LanguageSupport;

/**
 * The `ofn-condition` language: a Trigger condition (CEL over input names) as a Camel Predicate,
 * compiled once when the route is built and evaluated against the snapshot `ofn-trigger` took.
 */
public class ConditionLanguage extends LanguageSupport {

  @Override
  public Predicate createPredicate(String expression) {
    return new ConditionPredicate(compile(expression));
  }

  @Override
  public Expression createExpression(String expression) {
    ConditionPredicate predicate = new ConditionPredicate(compile(expression));
    return new ExpressionSupport() {
      @Override
      public <T> T evaluate(Exchange exchange, Class<T> type) {
        return exchange
            .getContext()
            .getTypeConverter()
            .convertTo(type, predicate.matches(exchange));
      }

      @Override
      protected String assertionFailureMessage(Exchange exchange) {
        return expression;
      }

      @Override
      public String toString() {
        return "ofn-condition: " + expression;
      }
    };
  }

  private static CompiledCondition compile(String expression) {
    try {
      return ConditionCompiler.compileStandalone(expression);
    } catch (ConditionException e) {
      throw new ExpressionIllegalSyntaxException(expression, e);
    }
  }

  /** The predicate of one condition. */
  static final class ConditionPredicate implements Predicate {
    private final CompiledCondition condition;

    ConditionPredicate(CompiledCondition condition) {
      this.condition = condition;
    }

    @Override
    public boolean matches(Exchange exchange) {
      ConditionContext ctx =
          exchange.getProperty(ConditionContext.PROPERTY, ConditionContext.class);
      if (ctx == null) {
        throw new IllegalStateException(
            "ofn-condition \"" + condition + "\" needs an ofn-trigger step before it in the route");
      }
      DeliveryTrack track = exchange.getProperty(DeliveryTrack.PROPERTY, DeliveryTrack.class);
      // A redelivered event: a subscriber done with it is not fired again, and one that failed it
      // is, even if the condition no longer holds (another input's window may have passed since).
      if (track != null && track.isDone(this)) return false;
      boolean retry = track != null && track.isRetry(this);
      try {
        if (!retry && !ctx.test(condition, exchange)) return false;
      } catch (Exception e) {
        throw RuntimeCamelException.wrapRuntimeCamelException(e);
      }
      if (retry) exchange.setProperty(ConditionContext.FIRED, condition.inputs());
      exchange.setProperty(ConditionContext.MATCHED, this);
      return true;
    }

    @Override
    public String toString() {
      return "ofn-condition: " + condition;
    }
  }
}
