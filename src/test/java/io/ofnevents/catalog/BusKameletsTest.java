package io.ofnevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The NATS bus Kamelets follow the catalog contract of apache/camel-kamelets. */
class BusKameletsTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9_.-]+)}}");
  private static final Set<String> SECRETS = Set.of("token", "password", "userCredentials");

  @ParameterizedTest
  @ValueSource(strings = {"ofn-nats-source", "ofn-nats-sink"})
  @SuppressWarnings("unchecked")
  void followsTheCatalogContract(String name) {
    String text = KameletCatalog.read(name);
    Map<String, Object> kamelet =
        (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    Map<String, Object> metadata = (Map<String, Object>) kamelet.get("metadata");
    assertThat(metadata.get("name")).isEqualTo(name);
    String type = name.substring(name.lastIndexOf('-') + 1);
    assertThat((Map<String, Object>) metadata.get("labels"))
        .containsEntry("camel.apache.org/kamelet.type", type);
    Map<String, Object> spec = (Map<String, Object>) kamelet.get("spec");
    Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
    Map<String, Map<String, Object>> properties =
        (Map<String, Map<String, Object>>) definition.get("properties");
    properties.forEach(
        (key, p) -> {
          assertThat(p).as(key).containsKeys("title", "description", "type");
          if (SECRETS.contains(key)) assertThat(p).as(key).containsEntry("format", "password");
        });
    assertThat(properties.keySet()).containsAll((List<String>) definition.get("required"));
    String template = text.substring(text.indexOf("  template:"));
    Set<String> used = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) used.add(m.group(1));
    assertThat(used).as("used properties").isEqualTo(new TreeSet<>(properties.keySet()));
    if (type.equals("source")) assertThat(template).contains("kamelet:sink");
    else assertThat(template).contains("kamelet:source");
  }
}
