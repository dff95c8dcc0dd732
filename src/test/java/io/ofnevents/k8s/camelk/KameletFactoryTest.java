package io.ofnevents.k8s.camelk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.catalog.KameletCatalog;
import io.ofnevents.k8s.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reading a catalog Kamelet into the Camel K model loses nothing but gains our namespace/label. */
class KameletFactoryTest {
  static Stream<String> catalog() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("kamelets"))) {
      return files
          .filter(p -> p.toString().endsWith(".kamelet.yaml"))
          .map(p -> p.getFileName().toString().replace(".kamelet.yaml", ""))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("catalog")
  @SuppressWarnings("unchecked")
  void roundTripThroughTheCamelKModelKeepsAllButUiHints(String name) {
    Map<String, Object> original = (Map<String, Object>) parse(KameletCatalog.read(name));
    Map<String, Object> exported =
        (Map<String, Object>) parse(ManifestYaml.write(null, KameletFactory.kamelet(name, "ns")));
    Map<String, Object> meta = (Map<String, Object>) exported.get("metadata");
    assertThat(meta.remove("namespace")).isEqualTo("ns");
    assertThat(((Map<String, Object>) meta.get("labels")).remove(Labels.MANAGED_BY))
        .isEqualTo("ofn-events");
    // x-descriptors (UI hints) are left out: the 2.4 model would write them twice
    Map<String, Object> def =
        (Map<String, Object>) ((Map<String, Object>) original.get("spec")).get("definition");
    ((Map<String, Object>) def.getOrDefault("properties", Map.of()))
        .values()
        .forEach(p -> ((Map<String, Object>) p).remove("x-descriptors"));
    assertThat(exported).isEqualTo(original);
    assertThat(ManifestYaml.write(null, KameletFactory.kamelet(name, "ns")))
        .doesNotContain("xdescriptors")
        .doesNotContain("x-descriptors");
  }

  private static Object parse(String yaml) {
    return new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }
}
