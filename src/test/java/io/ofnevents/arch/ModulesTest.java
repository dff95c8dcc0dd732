package io.ofnevents.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The two modules share src/main/java: every source file is built by exactly one of them (the
 * include lists of modules/ofn-events-camel/pom.xml and the exclude lists of
 * modules/ofn-events/pom.xml must agree), and the slim one carries no logging configuration.
 */
class ModulesTest {
  static final Path SOURCES = Path.of("src/main/java");
  static final Path APP = Path.of("target/classes");
  static final Path CAMEL =
      Path.of(System.getProperty("ofn.camel.classes", "modules/ofn-events-camel/target/classes"));

  @Test
  void everySourceFileIsBuiltByExactlyOneModule() throws Exception {
    List<String> neither = new ArrayList<>();
    List<String> both = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String rel = SOURCES.relativize(f).toString();
        if (rel.endsWith("package-info.java")) continue;
        String cls = rel.replaceAll("\\.java$", ".class");
        boolean inApp = Files.exists(APP.resolve(cls));
        boolean inCamel = Files.exists(CAMEL.resolve(cls));
        if (inApp && inCamel) both.add(rel);
        if (!inApp && !inCamel) neither.add(rel);
      }
    }
    assertThat(both).as("built by both modules (fix the include/exclude lists)").isEmpty();
    assertThat(neither).as("built by neither module (fix the include/exclude lists)").isEmpty();
  }

  @Test
  void theComponentArtifactHasNoLoggingBackendConfiguration() {
    assertThat(CAMEL.resolve("log4j2.xml")).doesNotExist();
    assertThat(CAMEL.resolve("kamelets/ofn-nats-source.kamelet.yaml")).exists();
    assertThat(CAMEL.resolve("META-INF/services/org/apache/camel/component/ofn-bus")).exists();
    assertThat(APP.resolve("META-INF/services/org/apache/camel/component/ofn-bus")).doesNotExist();
  }
}
