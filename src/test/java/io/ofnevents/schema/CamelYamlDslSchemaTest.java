package io.ofnevents.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Everything we write in Camel's YAML DSL validates against Camel's own JSON schema
 * (camel-yaml-dsl-4.17.0.jar!/schema/camelYamlDsl.json, the one the Camel tooling and
 * camel-yaml-dsl-validator use): the generated routes (`routes/`, the compiler's goldens), every
 * Kamelet template (as the route template Camel makes of it), the Kamelets' example routes and the
 * flows of every exported Integration (`k8s/examples/`, the export goldens).
 */
class CamelYamlDslSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in =
        CamelYamlDslSchemaTest.class
            .getClassLoader()
            .getResourceAsStream("schema/camelYamlDsl.json")) {
      assertThat(in).as("camel-yaml-dsl's schema on the class path").isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  static Stream<Path> routeFiles() throws Exception {
    return files(
        List.of(
            Path.of("routes"),
            Path.of("src/test/resources/golden"),
            Path.of("kamelets/examples/routes")),
        ".camel.yaml");
  }

  static Stream<Path> kamelets() throws Exception {
    return files(List.of(Path.of("kamelets")), ".kamelet.yaml")
        .filter(p -> p.getParent().equals(Path.of("kamelets")));
  }

  static Stream<Path> integrations() throws Exception {
    return files(
            List.of(Path.of("k8s/examples"), Path.of("src/test/resources/export-golden")), ".yaml")
        .filter(p -> p.getFileName().toString().startsWith("10-integration-"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routeFiles")
  void routeFilesValidate(Path file) throws Exception {
    Object routes = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    assertThat(errors(routes)).as(file.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kamelets")
  void kameletTemplatesValidate(Path file) throws Exception {
    Map<?, ?> kamelet = (Map<?, ?>) load(file);
    String name = String.valueOf(((Map<?, ?>) kamelet.get("metadata")).get("name"));
    Map<?, ?> template = (Map<?, ?>) ((Map<?, ?>) kamelet.get("spec")).get("template");
    Map<String, Object> routeTemplate = new LinkedHashMap<>();
    routeTemplate.put("id", name);
    routeTemplate.putAll(cast(template));
    assertThat(errors(List.of(Map.of("routeTemplate", routeTemplate))))
        .as(file.toString())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("integrations")
  void exportedFlowsValidate(Path file) throws Exception {
    Map<?, ?> integration = (Map<?, ?>) load(file);
    Object flows = ((Map<?, ?>) integration.get("spec")).get("flows");
    assertThat(flows).as(file + " has flows").isNotNull();
    assertThat(errors(flows)).as(file.toString()).isEmpty();
  }

  /** The schema is strict enough to catch a mistyped step option. */
  @Test
  void aMistypedOptionIsAnError() {
    Object route =
        List.of(
            Map.of(
                "route",
                Map.of(
                    "from",
                    Map.of(
                        "uri",
                        "timer:x",
                        "steps",
                        List.of(Map.of("setHeader", Map.of("nam", "a", "constant", "b")))))));
    assertThat(errors(route)).anySatisfy(m -> assertThat(m).contains("nam"));
  }

  private static List<String> errors(Object yaml) {
    JsonNode doc = JSON.valueToTree(yaml);
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : schema.validate(doc)) out.add(m.getMessage());
    return out;
  }

  private static Object load(Path file) throws Exception {
    String text = Files.readString(file);
    // export files carry a comment header and one document
    return new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  private static Stream<Path> files(List<Path> roots, String suffix) throws Exception {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) continue;
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
