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

  /** The validator's: `{{name}}`, `{{?name}}` and `{{name:default}}`. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9-._]+)(?::[^}]*)?}}");

  /** Endpoint URIs in a template: `uri: "scheme:..."` or `to: "scheme:..."`. */
  static final Pattern SCHEME =
      Pattern.compile("(?:uri|to|from): ['\"]?([a-z][a-z0-9+-]*):", Pattern.MULTILINE);

  /** Schemes whose Camel artifact is named otherwise. */
  static final Map<String, String> CAMEL_ARTIFACT = Map.of("https", "http");

  static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
  static final String SUPPORT_LEVEL = "camel.apache.org/kamelet.support.level";
  static final String NAMESPACE = "camel.apache.org/kamelet.namespace";
  static final String ICON = "camel.apache.org/kamelet.icon";
  static final String CREDENTIALS = "urn:camel:group:credentials";

  /**
   * Kamelets that ran on a real Camel K (none yet: no cluster can run here); only they may be
   * marked Stable.
   */
  static final Set<String> RAN_ON_CAMEL_K = Set.of();

  /** English stopwords the validator lets stay lower case in a property title. */
  static final Set<String> STOPWORDS =
      Set.of(
          "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per",
          "the", "to", "with");

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
    List<String> errors = violations(file);
    assertThat(errors).as("catalog contract violations of " + file).isEmpty();
  }

  /**
   * Every rule of the camel-kamelets validator (script/validator/validator.go) and README that
   * applies to a catalog of our own (the provider is ofn-events, not the ASF), plus ours, each
   * violation as one line naming the Kamelet, the field and what to do.
   */
  static List<String> violations(Path file) throws Exception {
    List<String> e = new ArrayList<>();
    Map<String, Object> k = load(Files.readString(file));
    Map<String, Object> metadata = map(k.get("metadata"));
    String name = String.valueOf(metadata.get("name"));
    String at = name + ": ";
    if (!file.getFileName().toString().equals(name + ".kamelet.yaml")) {
      e.add(at + "file " + file.getFileName() + " must be named " + name + ".kamelet.yaml");
    }
    if (!"camel.apache.org/v1".equals(k.get("apiVersion")) || !"Kamelet".equals(k.get("kind"))) {
      e.add(at + "must be apiVersion camel.apache.org/v1, kind Kamelet");
    }
    if (!name.startsWith("ofn-")) e.add(at + "name must start with ofn-");
    String type = String.valueOf(map(metadata.get("labels")).get(TYPE_LABEL));
    if (!List.of("source", "sink", "action").contains(type)) {
      e.add(at + "label " + TYPE_LABEL + " must be source, sink or action, not " + type);
    } else if (!name.endsWith("-" + type)) {
      e.add(at + "name must end with -" + type + " (its " + TYPE_LABEL + " label)");
    }
    annotations(e, at, map(metadata.get("annotations")));
    Map<String, Object> spec = map(k.get("spec"));
    Map<String, Object> def = map(spec.get("definition"));
    String title = String.valueOf(def.get("title"));
    String suffix = type.isEmpty() ? "" : Character.toUpperCase(type.charAt(0)) + type.substring(1);
    if (def.get("title") == null || !title.endsWith(" " + suffix)) {
      e.add(at + "spec.definition.title \"" + title + "\" must end with \"" + suffix + "\"");
    }
    if (String.valueOf(def.getOrDefault("description", "")).isBlank()) {
      e.add(at + "spec.definition.description is missing");
    }
    if (!"object".equals(def.get("type"))) e.add(at + "spec.definition.type must be object");
    Map<String, Object> props = map(def.get("properties"));
    List<String> required = strings(def.get("required"));
    if (new TreeSet<>(required).size() != required.size()) {
      e.add(at + "spec.definition.required lists a property twice: " + required);
    }
    for (String r : required) {
      if (!props.containsKey(r)) e.add(at + "required property " + r + " is not declared");
    }
    props.forEach((prop, value) -> property(e, at + "property " + prop + ": ", prop, map(value)));
    String template = dump(spec.get("template"));
    Set<String> used = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) used.add(m.group(1));
    for (String u : used) {
      if (!props.containsKey(u)) {
        e.add(at + "{{" + u + "}} is used in spec.template but not declared in properties");
      }
    }
    for (String d : props.keySet()) {
      if (!used.contains(d)) e.add(at + "property " + d + " is declared but never used");
    }
    dataTypes(e, at, type, map(spec.get("dataTypes")));
    dependencies(e, at, spec.get("template"), template, strings(spec.get("dependencies")));
    String from = String.valueOf(map(map(spec.get("template")).get("from")).get("uri"));
    if (type.equals("source") && !template.contains("kamelet:sink")) {
      e.add(at + "a source must send to kamelet:sink");
    }
    if (!type.equals("source") && !from.equals("kamelet:source")) {
      e.add(at + "a " + type + " must start from kamelet:source, not " + from);
    }
    return e;
  }

  private static void annotations(List<String> e, String at, Map<String, Object> a) {
    Object level = a.get(SUPPORT_LEVEL);
    String expected = RAN_ON_CAMEL_K.contains(at.replace(": ", "")) ? "Stable" : "Preview";
    if (!expected.equals(level)) {
      e.add(
          at
              + SUPPORT_LEVEL
              + " must be \""
              + expected
              + "\", not "
              + level
              + " (Stable only once it ran on Camel K: KameletCatalogContractTest.RAN_ON_CAMEL_K)");
    }
    try {
      if (!projectVersion().equals(a.get("camel.apache.org/catalog.version"))) {
        e.add(
            at
                + "camel.apache.org/catalog.version must be the project version "
                + projectVersion());
      }
    } catch (Exception x) {
      throw new IllegalStateException(x);
    }
    if (!"ofn-events".equals(a.get("camel.apache.org/provider"))) {
      e.add(at + "camel.apache.org/provider must be \"ofn-events\"");
    }
    for (String key : List.of("camel.apache.org/kamelet.group", NAMESPACE)) {
      if (String.valueOf(a.getOrDefault(key, "")).isBlank()) {
        e.add(at + key + " is missing (group: the product, e.g. NATS; namespace: e.g. Messaging)");
      }
    }
    if (!String.valueOf(a.get(ICON)).startsWith("data:image/svg+xml;base64,")) {
      e.add(at + ICON + " must be an SVG data URI (data:image/svg+xml;base64,...)");
    }
  }

  private static void property(List<String> e, String at, String prop, Map<String, Object> p) {
    for (String key : List.of("title", "description", "type")) {
      if (String.valueOf(p.getOrDefault(key, "")).isBlank()) e.add(at + key + " is missing");
    }
    String title = String.valueOf(p.getOrDefault("title", ""));
    for (String article : List.of("The ", "A ", "An ")) {
      if (title.startsWith(article)) e.add(at + "title must not start with \"" + article + "\"");
    }
    for (String word : title.split(" ")) {
      if (!word.isEmpty()
          && !STOPWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))
          && Character.isLowerCase(word.charAt(0))) {
        e.add(at + "title \"" + title + "\" has a word that is not capitalized: " + word);
      }
    }
    if (SECRET_NAME.matcher(prop).matches() && !"password".equals(p.get("format"))) {
      e.add(at + "looks like a secret: set format: password");
    }
    if ("password".equals(p.get("format"))
        && !strings(p.get("x-descriptors")).contains(CREDENTIALS)) {
      e.add(at + "format password needs x-descriptors: [" + CREDENTIALS + "]");
    }
    if (KAMELET_ENDPOINT_OPTIONS.contains(prop)) {
      e.add(at + "is an option of the kamelet endpoint itself and would never reach the template");
    }
  }

  private static void dataTypes(List<String> e, String at, String type, Map<String, Object> dt) {
    List<String> needed =
        switch (type) {
          case "source" -> List.of("out");
          case "sink" -> List.of("in");
          default -> List.of("in", "out");
        };
    for (String direction : needed) {
      Map<String, Object> d = map(dt.get(direction));
      Map<String, Object> types = map(d.get("types"));
      if (d.get("default") == null || !types.containsKey(String.valueOf(d.get("default")))) {
        e.add(at + "spec.dataTypes." + direction + " must name a default among its types");
      }
    }
  }

  /**
   * Camel K resolves what `spec.dependencies` lists: each component the template uses must be
   * there, our components through the slim artifact (never the application), and a Kamelet on stock
   * Camel must not ask for the slim artifact.
   */
  private static void dependencies(
      List<String> e, String at, Object templateMap, String template, List<String> deps)
      throws Exception {
    String slim = "mvn:io.ofnevents:ofn-events-camel:" + projectVersion();
    boolean ours = !KameletNeeds.of(templateMap).isEmpty();
    for (String scheme : KameletNeeds.unexplained(templateMap)) {
      e.add(
          at
              + "uses "
              + scheme
              + ": add to io.ofnevents.catalog.KameletNeeds.REASONS what stock Camel 4.17 lacks"
              + " for it (kamelets/README.md prints it)");
    }
    if (ours && !deps.contains(slim)) {
      e.add(at + "uses ofn-events code, so spec.dependencies must list " + slim);
    }
    if (!ours && deps.contains(slim)) {
      e.add(at + "runs on stock Camel: remove " + slim + " from spec.dependencies");
    }
    for (String d : deps) {
      if (d.startsWith("mvn:io.ofnevents:") && !d.equals(slim)) {
        e.add(at + "spec.dependencies names " + d + "; Kamelets need only " + slim);
      }
    }
    Matcher m = SCHEME.matcher(template);
    Set<String> schemes = new TreeSet<>();
    while (m.find()) schemes.add(m.group(1));
    for (String scheme : schemes) {
      if (scheme.startsWith("ofn-")) continue;
      String dep = "camel:" + CAMEL_ARTIFACT.getOrDefault(scheme, scheme);
      if (!deps.contains(dep))
        e.add(at + "uses " + scheme + ": so spec.dependencies must list " + dep);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kamelets")
  void hasARouteAndAPipeExample(Path file) throws Exception {
    Map<String, Object> def = map(map(load(Files.readString(file)).get("spec")).get("definition"));
    String name = file.getFileName().toString().replace(".kamelet.yaml", "");
    examples(name, map(def.get("properties")).keySet(), strings(def.get("required")));
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

  @Test
  void titlesAndDescriptionsAreUnique() throws Exception {
    Set<String> titles = new TreeSet<>();
    Set<String> descriptions = new TreeSet<>();
    for (Path p : kamelets().toList()) {
      Map<String, Object> def = map(map(load(Files.readString(p)).get("spec")).get("definition"));
      assertThat(titles.add(String.valueOf(def.get("title")))).as(p + ": duplicate title").isTrue();
      assertThat(descriptions.add(String.valueOf(def.get("description"))))
          .as(p + ": duplicate description")
          .isTrue();
    }
  }

  /** The test finds what the validator finds: a Kamelet breaking each rule at once. */
  @Test
  void reportsEveryViolation(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String bad =
        Files.readString(KAMELETS.resolve("ofn-cron-source.kamelet.yaml"))
            .replace("\"Preview\"", "\"Stable\"")
            .replace("title: \"ofn-events Cron Source\"", "title: \"Cron (ofn-events)\"")
            .replace("    - \"camel:quartz\"\n", "")
            .replace("title: Time Zone", "title: time zone")
            .replaceAll("    camel.apache.org/kamelet.icon: .*\n", "")
            .replace("{{timeZone}}", "{{timezone}}");
    Path file = dir.resolve("ofn-cron-source.kamelet.yaml");
    Files.writeString(file, bad);
    assertThat(violations(file))
        .containsExactlyInAnyOrder(
            "ofn-cron-source: camel.apache.org/kamelet.support.level must be \"Preview\", not Stable"
                + " (Stable only once it ran on Camel K: KameletCatalogContractTest.RAN_ON_CAMEL_K)",
            "ofn-cron-source: camel.apache.org/kamelet.icon must be an SVG data URI"
                + " (data:image/svg+xml;base64,...)",
            "ofn-cron-source: spec.definition.title \"Cron (ofn-events)\" must end with \"Source\"",
            "ofn-cron-source: property timeZone: title \"time zone\" has a word that is not"
                + " capitalized: time",
            "ofn-cron-source: property timeZone: title \"time zone\" has a word that is not"
                + " capitalized: zone",
            "ofn-cron-source: {{timezone}} is used in spec.template but not declared in properties",
            "ofn-cron-source: property timeZone is declared but never used",
            "ofn-cron-source: uses quartz: so spec.dependencies must list camel:quartz");
  }

  @Test
  void anOfnComponentWithoutARecordedReasonIsAViolation(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    String yaml =
        Files.readString(KAMELETS.resolve("ofn-nats-sink.kamelet.yaml"))
            .replace("uri: \"ofn-bus:{{subject}}\"", "uri: \"ofn-newthing:{{subject}}\"");
    Path file = dir.resolve("ofn-nats-sink.kamelet.yaml");
    Files.writeString(file, yaml);
    assertThat(violations(file))
        .contains(
            "ofn-nats-sink: uses ofn-newthing: add to io.ofnevents.catalog.KameletNeeds.REASONS"
                + " what stock Camel 4.17 lacks for it (kamelets/README.md prints it)");
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

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) l.forEach(x -> out.add(String.valueOf(x)));
    return out;
  }
}
