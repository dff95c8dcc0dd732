package io.ofnevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The catalog contract of apache/camel-kamelets, checked for every file in `kamelets/`: file name =
 * metadata.name, type label from the suffix, documented properties, secrets marked, every declared
 * property used and every used one declared, sources ending in `kamelet:sink`.
 */
class KameletCatalogContractTest {
  private static final Path DIR = Path.of("kamelets");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\??([A-Za-z0-9_.-]+)(?::[^}]*)?}}");

  /** Placeholders Camel itself provides to Kamelet templates. */
  private static final Set<String> BUILT_IN = Set.of("routeId", "templateId");

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|token|secret|credentials|clientKey).*");

  static Stream<Path> kamelets() throws IOException {
    return Files.list(DIR).filter(p -> p.toString().endsWith(".kamelet.yaml")).sorted();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(Path p) throws IOException {
    return (Map<String, Object>)
        new Load(LoadSettings.builder().build()).loadFromString(Files.readString(p));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    return (Map<String, Object>) m.get(key);
  }

  @Test
  void theCatalogHasTheKameletsTheCompilerUses() throws IOException {
    List<String> names =
        kamelets().map(p -> p.getFileName().toString().replace(".kamelet.yaml", "")).toList();
    assertThat(names)
        .contains(
            "ofn-cron-source",
            "ofn-timer-source",
            "ofn-http-sink",
            "ofn-inmemory-source",
            "ofn-inmemory-sink",
            "ofn-cloudevents-action");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kamelets")
  @SuppressWarnings("unchecked")
  void obeysTheCatalogContract(Path file) throws IOException {
    Map<String, Object> k = load(file);
    String name = file.getFileName().toString().replace(".kamelet.yaml", "");
    Map<String, Object> metadata = map(k, "metadata");
    assertThat(k.get("apiVersion")).isEqualTo("camel.apache.org/v1");
    assertThat(k.get("kind")).isEqualTo("Kamelet");
    assertThat(metadata.get("name")).as("file name = metadata.name").isEqualTo(name);
    assertThat(name).startsWith("ofn-");
    String type = name.substring(name.lastIndexOf('-') + 1);
    assertThat(type).isIn("source", "sink", "action");
    assertThat(map(metadata, "labels")).containsEntry("camel.apache.org/kamelet.type", type);
    assertThat(map(metadata, "annotations"))
        .containsKeys("camel.apache.org/kamelet.support.level", "camel.apache.org/provider")
        .containsEntry("camel.apache.org/catalog.version", projectVersion());

    Map<String, Object> definition = map(map(k, "spec"), "definition");
    assertThat(definition).containsKeys("title", "description");
    Map<String, Object> properties =
        definition.get("properties") == null ? Map.of() : map(definition, "properties");
    for (Map.Entry<String, Object> p : properties.entrySet()) {
      Map<String, Object> prop = (Map<String, Object>) p.getValue();
      assertThat(prop).as("property %s", p.getKey()).containsKeys("title", "description", "type");
      if (SECRET_NAME.matcher(p.getKey()).matches()) {
        assertThat(prop).as("secret property %s", p.getKey()).containsEntry("format", "password");
      }
    }
    List<String> required =
        definition.get("required") == null ? List.of() : (List<String>) definition.get("required");
    assertThat(properties.keySet()).as("required properties are declared").containsAll(required);

    Object template = map(map(k, "spec"), "template");
    String templateText = new Dump(DumpSettings.builder().build()).dumpToString(template);
    Set<String> used = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(templateText);
    while (m.find()) if (!BUILT_IN.contains(m.group(1))) used.add(m.group(1));
    assertThat(used).as("every used property is declared").isSubsetOf(properties.keySet());
    assertThat(properties.keySet()).as("every declared property is used").isSubsetOf(used);

    Map<String, Object> from = map((Map<String, Object>) template, "from");
    if (type.equals("source")) {
      assertThat(from.get("uri").toString()).doesNotStartWith("kamelet:source");
      assertThat(templateText).contains("kamelet:sink");
    } else {
      assertThat(from.get("uri")).isEqualTo("kamelet:source");
    }
    List<String> dependencies =
        (List<String>) map(k, "spec").getOrDefault("dependencies", List.of());
    if (Pattern.compile("ofn-(bus|trigger|http|cloudevents|redis):|ofn-condition")
        .matcher(templateText)
        .find()) {
      assertThat(dependencies).contains("mvn:io.ofnevents:ofn-events:" + projectVersion());
    }
  }

  /** The Kamelets on the classpath are the ones in `kamelets/` (packaged by Maven). */
  @Test
  void catalogIsPackagedOnTheClasspath() throws IOException {
    for (Path p : kamelets().toList()) {
      String name = p.getFileName().toString().replace(".kamelet.yaml", "");
      assertThat(KameletCatalog.read(name)).isEqualTo(Files.readString(p));
    }
  }

  static String projectVersion() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("pom.xml")));
    for (String line : lines) {
      Matcher m = Pattern.compile("^  <version>(.+)</version>").matcher(line);
      if (m.find()) return m.group(1);
    }
    throw new IllegalStateException("no project version in pom.xml");
  }
}
