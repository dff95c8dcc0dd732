package io.ofnevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * `kamelets/README.md` is generated from the Kamelets and must be current. After changing a
 * Kamelet, regenerate it with `mvn test -Dtest=KameletCatalogPageTest -Dofn.catalog.update=true`
 * and review the diff.
 */
class KameletCatalogPageTest {
  static final Path KAMELETS = Path.of("kamelets");
  static final Path PAGE = KAMELETS.resolve("README.md");

  @Test
  void theCommittedCatalogPageIsCurrent() throws Exception {
    List<String> yamls = new ArrayList<>();
    try (Stream<Path> files = Files.list(KAMELETS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".kamelet.yaml")).sorted().toList()) {
        yamls.add(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    String expected = CatalogPage.render(yamls);
    if (Boolean.getBoolean("ofn.catalog.update") || Boolean.getBoolean("ofn.update")) {
      Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
    }
    assertThat(PAGE).exists();
    assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
        .as(
            "kamelets/README.md is out of date: run `mvn test -Dtest=KameletCatalogPageTest"
                + " -Dofn.catalog.update=true` and commit the result")
        .isEqualTo(expected);
  }
}
