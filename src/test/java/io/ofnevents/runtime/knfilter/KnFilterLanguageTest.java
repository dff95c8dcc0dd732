package io.ofnevents.runtime.knfilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExpressionIllegalSyntaxException;
import org.apache.camel.Predicate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The `ofn-kn-filter` language as a generated route uses it: found by name, the expression compiled
 * once, evaluated on the ce- headers of the exchange.
 */
class KnFilterLanguageTest {
  static CamelContext camel;

  @BeforeAll
  static void start() {
    camel = new DefaultCamelContext();
    camel.start();
  }

  @AfterAll
  static void stop() {
    camel.stop();
  }

  static Exchange event(Map<String, Object> headers) {
    Exchange e = new DefaultExchange(camel);
    e.getMessage().setHeaders(new java.util.HashMap<>(headers));
    return e;
  }

  @Test
  void theLanguageIsFoundByNameAndFiltersOnCloudEventHeaders() {
    Predicate p =
        camel
            .resolveLanguage(KnFilterLanguage.NAME)
            .createPredicate(
                "{\"filters\":[{\"exact\":{\"datamediatype\":\"application/json\",\"type\":\"dev.example.a\"}},"
                    + "{\"cesql\":\"team = 'x'\"}]}");
    Map<String, Object> a =
        Map.of(
            "ce-type",
            "dev.example.a",
            "CE-Team",
            "x",
            "Content-Type",
            "application/json; charset=utf-8");
    assertThat(p.matches(event(a))).isTrue();
    assertThat(
            p.matches(
                event(
                    Map.of(
                        "ce-type",
                        "dev.example.a",
                        "ce-team",
                        "y",
                        "Content-Type",
                        "application/json"))))
        .isFalse();
    assertThat(
            p.matches(
                event(
                    Map.of(
                        "ce-type", "dev.example.a", "ce-team", "x", "Content-Type", "text/plain"))))
        .isFalse();
    assertThat(p.matches(event(Map.of("ce-type", "dev.example.b")))).isFalse();
  }

  @Test
  void anEmptyFilterLetsEveryEventThrough() {
    assertThat(
            camel
                .resolveLanguage(KnFilterLanguage.NAME)
                .createPredicate("{}")
                .matches(event(Map.of())))
        .isTrue();
  }

  @Test
  void aBadExpressionFailsWhenTheRouteIsBuilt() {
    assertThatThrownBy(
            () -> camel.resolveLanguage(KnFilterLanguage.NAME).createPredicate("type = 'a'"))
        .isInstanceOf(ExpressionIllegalSyntaxException.class);
  }
}
