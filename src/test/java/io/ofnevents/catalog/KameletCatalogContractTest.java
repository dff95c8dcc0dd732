package io.ofnevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The camel-kamelets catalog contract for every Kamelet in `kamelets/`: the file is named after the
 * Kamelet, the name suffix is its type, every property is documented and typed, secrets are
 * `format: password`, every declared property is used and every used one declared, sources end in
 * `kamelet:sink`, sinks and actions start at `kamelet:source`, and each has a plain-route and a
 * Camel K Pipe example that sets only declared properties and every required one.
 */
class KameletCatalogContractTest {
  static final Path KAMELETS = Path.of("kamelets");
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z][A-Za-z0-9_.-]*)}}");
  static final Pattern OUR_COMPONENTS =
      Pattern.compile("ofn-(bus|trigger|http|cloudevents|redis|mqtt):|ofn-condition");
  static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|key)$");

  /**
   * Options of the kamelet endpoint itself: `kamelet:NAME?timeout=...` sets the endpoint's option
   * and never reaches the template, so a property with one of these names would silently keep its
   * default (it did: `ofn-http-sink` once had a `timeout` property).
   */
  static final Set<String> KAMELET_ENDPOINT_OPTIONS =
      Set.of(
          "block",
          "timeout",
          "failIfNoConsumers",
          "noErrorHandler",
          "location",
          "routeId",
          "templateId",
          "bridgeErrorHandler",
          "exceptionHandler",
          "exchangePattern",
          "lazyStartProducer");

  static Stream<Path> kamelets() throws Exception {
    try (Stream<Path> files = Files.list(KAMELETS)) {
      return files.filter(p -> p.toString().endsWith(".kamelet.yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kamelets")
  void obeysTheCatalogContract(Path file) throws Exception {
    Map<String, Object> k = load(Files.readString(file));
    String name = (String) map(k.get("metadata")).get("name");
    assertThat(file.getFileName().toString()).isEqualTo(name + ".kamelet.yaml");
    assertThat(k.get("apiVersion")).isEqualTo("camel.apache.org/v1");
    assertThat(k.get("kind")).isEqualTo("Kamelet");
    String type =
        (String) map(map(k.get("metadata")).get("labels")).get("camel.apache.org/kamelet.type");
    assertThat(name).as("name suffix = type label").endsWith("-" + type);
    assertThat(map(map(k.get("metadata")).get("annotations")))
        .containsKeys(
            "camel.apache.org/kamelet.support.level",
            "camel.apache.org/catalog.version",
            "camel.apache.org/provider",
            "camel.apache.org/kamelet.group");
    Map<String, Object> def = map(map(k.get("spec")).get("definition"));
    assertThat(def).containsKeys("title", "description");
    Map<String, Object> props = map(def.get("properties"));
    props.forEach(
        (prop, value) -> {
          Map<String, Object> p = map(value);
          assertThat(p).as(prop).containsKeys("title", "description", "type");
          // The Camel K 2.4 model writes x-descriptors back twice (also as "xdescriptors"), so
          // exported Kamelets would carry an unknown field.
          assertThat(p).as(prop).doesNotContainKey("x-descriptors");
          if (SECRET_NAME.matcher(prop).matches()) {
            assertThat(p.get("format")).as(prop + " is a secret").isEqualTo("password");
          }
        });
    List<?> required = def.get("required") instanceof List<?> l ? l : List.of();
    assertThat(props.keySet()).as("required properties are declared").containsAll(cast(required));
    assertThat(props.keySet())
        .as("properties named like a kamelet endpoint option never reach the template")
        .doesNotContainAnyElementsOf(KAMELET_ENDPOINT_OPTIONS);
    String template = dump(map(k.get("spec")).get("template"));
    Set<String> used = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) used.add(m.group(1));
    used.remove("routeId"); // provided by Camel to every Kamelet
    assertThat(used).as("used properties are declared").isEqualTo(new TreeSet<>(props.keySet()));
    assertThat(map(k.get("spec")).get("dependencies")).as("dependencies").isNotNull();
    assertThat(name).startsWith("ofn-");
    assertThat(map(map(k.get("metadata")).get("annotations")))
        .containsEntry("camel.apache.org/catalog.version", projectVersion());
    if (OUR_COMPONENTS.matcher(template).find()) {
      assertThat(cast((List<?>) map(k.get("spec")).get("dependencies")))
          .as("Camel K needs our jar for our components")
          .contains("mvn:io.ofnevents:ofn-events:" + projectVersion());
    }
    String from =
        String.valueOf(map(map(map(k.get("spec")).get("template")).get("from")).get("uri"));
    if (type.equals("source")) {
      assertThat(template).contains("kamelet:sink");
    } else {
      assertThat(from).isEqualTo("kamelet:source");
    }
    examples(name, props.keySet(), cast(required));
  }

  private static void examples(String name, Set<String> declared, List<String> required)
      throws Exception {
    Path route = KAMELETS.resolve("examples/routes/" + name + ".camel.yaml");
    Path pipe = KAMELETS.resolve("examples/pipes/" + name + "-pipe.yaml");
    assertThat(route).as("plain-route example").exists();
    assertThat(pipe).as("Camel K Pipe example").exists();
    assertThat(Files.readString(route)).contains("kamelet:" + name);
    Map<String, Object> p = load(Files.readString(pipe));
    assertThat(p.get("kind")).isEqualTo("Pipe");
    List<Map<String, Object>> refs = new ArrayList<>();
    Map<String, Object> spec = map(p.get("spec"));
    refs.add(map(spec.get("source")));
    refs.add(map(spec.get("sink")));
    if (spec.get("steps") instanceof List<?> steps) steps.forEach(s -> refs.add(map(s)));
    Map<String, Object> mine =
        refs.stream()
            .filter(r -> name.equals(map(r.get("ref")).get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(pipe + " does not use " + name));
    Map<String, Object> set = map(mine.get("properties"));
    assertThat(declared).as("Pipe sets declared properties only").containsAll(set.keySet());
    assertThat(set.keySet()).as("Pipe sets every required property").containsAll(required);
    for (Map<String, Object> r : refs) {
      String other = String.valueOf(map(r.get("ref")).get("name"));
      assertThat(KAMELETS.resolve(other + ".kamelet.yaml"))
          .as(other + " is in the catalog")
          .exists();
    }
  }

  @Test
  void theCatalogHasEveryKameletTheCompilerUses() {
    for (String name :
        List.of(
            "ofn-cron-source",
            "ofn-timer-source",
            "ofn-http-sink",
            "ofn-inmemory-source",
            "ofn-inmemory-sink",
            "ofn-cloudevents-action",
            "ofn-kafka-source",
            "ofn-redis-source",
            "ofn-mqtt-source")) {
      assertThat(KAMELETS.resolve(name + ".kamelet.yaml")).exists();
    }
  }

  /** The Kamelets on the classpath are the ones in `kamelets/` (packaged by Maven). */
  @Test
  void catalogIsPackagedOnTheClasspath() throws Exception {
    for (Path p : kamelets().toList()) {
      String name = p.getFileName().toString().replace(".kamelet.yaml", "");
      assertThat(KameletCatalog.read(name)).isEqualTo(Files.readString(p));
    }
  }

  static String projectVersion() throws Exception {
    for (String line : Files.readAllLines(Path.of("pom.xml"))) {
      Matcher m = Pattern.compile("^  <version>(.+)</version>").matcher(line);
      if (m.find()) return m.group(1);
    }
    throw new IllegalStateException("no project version in pom.xml");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml) {
    return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  private static String dump(Object o) {
    return new Dump(DumpSettings.builder().setWidth(10_000).build()).dumpToString(o);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<String> cast(List<?> l) {
    return (List<String>) l;
  }
}
