package io.ofnevents.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.DeliveryDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Delivery defaults live in {@link DeliveryDefaults} only: the compiler and the HTTP sink component
 * use the constants, the CRD descriptions quote them; this fails when the Kamelet, the README or
 * the committed CRDs say anything else.
 */
class DeliveryDefaultsTest {
  private static final Map<String, Object> DEFAULTS =
      Map.of(
          "retry", DeliveryDefaults.RETRY,
          "backoffPolicy", DeliveryDefaults.BACKOFF_POLICY,
          "backoffDelay", DeliveryDefaults.BACKOFF_DELAY,
          "timeout", DeliveryDefaults.TIMEOUT);

  @Test
  void theHttpSinkKameletDefaultsAreTheModelDefaults() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> kamelet =
        (Map<String, Object>)
            new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("kamelets/ofn-http-sink.kamelet.yaml")));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> properties =
        (Map<String, Map<String, Object>>)
            ((Map<String, Object>) ((Map<String, Object>) kamelet.get("spec")).get("definition"))
                .get("properties");
    Map<String, Object> defaults = new HashMap<>();
    properties.forEach(
        (name, p) -> {
          if (p.containsKey("default")) defaults.put(name, p.get("default"));
        });
    defaults.put("timeout", defaults.remove("requestTimeout")); // the Kamelet's name for it
    assertThat(defaults).containsAllEntriesOf(DEFAULTS);
  }

  @Test
  void theReadmeTableShowsTheModelDefaults() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Delivery to sinks"));
    Map<String, String> table = new HashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| `?([^`|]+?)`? \\|").matcher(section);
    while (row.find() && table.size() < 10) table.put(row.group(1), row.group(2).trim());
    DEFAULTS.forEach((k, v) -> assertThat(table).containsEntry(k, String.valueOf(v)));
    assertThat(table)
        .containsEntry("maxDeliveries", String.valueOf(DeliveryDefaults.MAX_DELIVERIES));
    assertThat(section)
        .contains("at most " + Duration.parse(DeliveryDefaults.MAX_BACKOFF).toSeconds() + " s");
  }

  @Test
  void theCommittedCrdsQuoteTheModelDefaults() throws Exception {
    for (String crd : new String[] {"eventsources", "triggers"}) {
      String text = Files.readString(Path.of("k8s/crds/events.openfunction.io_" + crd + ".yaml"));
      assertThat(text)
          .contains("(default " + DeliveryDefaults.RETRY + ")")
          .contains("(default " + DeliveryDefaults.BACKOFF_POLICY + ";")
          .contains("(default " + DeliveryDefaults.BACKOFF_DELAY + ")")
          .contains("(default " + DeliveryDefaults.TIMEOUT + ")");
    }
  }

  @Test
  void theHttpSinkComponentFallsBackToTheModelDefaults() throws Exception {
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      camel.start();
      RetryPolicy p =
          camel.getEndpoint("ofn-http:sink?url=http://127.0.0.1/", HttpSinkEndpoint.class).policy();
      assertThat(p.retry()).isEqualTo(DeliveryDefaults.RETRY);
      assertThat(p.exponential()).isEqualTo(DeliveryDefaults.BACKOFF_POLICY.equals("exponential"));
      assertThat(p.backoffDelay()).isEqualTo(DeliveryDefaults.backoffDelay());
      assertThat(p.timeout()).isEqualTo(DeliveryDefaults.timeout());
      assertThat(p.retryable()).isEqualTo(Retryable.OPENFUNCTION);
    }
  }
}
