package io.ofnevents.runtime.knfilter;

import io.ofnevents.model.filter.EventFilter;
import io.ofnevents.model.filter.TriggerFilters;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.ExpressionIllegalSyntaxException;
import org.apache.camel.Predicate;
import org.apache.camel.support.LanguageSupport;
import org.apache.camel.support.PredicateToExpressionAdapter;

/**
 * The `ofn-kn-filter` language: a Knative Trigger's filter as a Camel Predicate. The expression is
 * the canonical JSON of the CR's filter in force, exactly as {@link TriggerFilters#expression}
 * writes it (`{"filters":[{"exact":{"type":"dev.example.a"}}]}`, `{"filter":{"attributes":{...}}}`
 * or `{}`), compiled once when the route is built and evaluated against the exchange's CloudEvent
 * headers (`ce-*` and `Content-Type`).
 */
public class KnFilterLanguage extends LanguageSupport {
  /** The language name generated routes use. */
  public static final String NAME = "ofn-kn-filter";

  @Override
  public Predicate createPredicate(String expression) {
    return new FilterPredicate(compile(expression), expression);
  }

  @Override
  public Expression createExpression(String expression) {
    return PredicateToExpressionAdapter.toExpression(createPredicate(expression));
  }

  private static EventFilter compile(String expression) {
    try {
      return TriggerFilters.compile(expression);
    } catch (IllegalArgumentException e) {
      throw new ExpressionIllegalSyntaxException(expression, e);
    }
  }

  /** The predicate of one filter. */
  static final class FilterPredicate implements Predicate {
    private final EventFilter filter;
    private final String expression;

    FilterPredicate(EventFilter filter, String expression) {
      this.filter = filter;
      this.expression = expression;
    }

    @Override
    public boolean matches(Exchange exchange) {
      return filter.test(new HeaderAttributes(exchange.getMessage().getHeaders())).passes();
    }

    @Override
    public String toString() {
      return NAME + ": " + expression;
    }
  }
}
