package io.ofnevents.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the layers of DESIGN §2 honest: model and compile are pure, dependencies point one way. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ofnevents");
  }

  @Test
  void modelAndCompileDoNoIo() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage("io.ofnevents.model..", "io.ofnevents.compile..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.io..", "java.nio.file..", "java.net.http..", "java.nio.channels..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.net.Socket")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.net.URL")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.time.Clock")
            .orShould()
            .callMethod(System.class, "getenv", String.class)
            .orShould()
            .callMethod(System.class, "getenv")
            .orShould()
            .callMethod(System.class, "getProperty", String.class)
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.time.LocalDateTime.class, "now")
            .orShould()
            .callMethod(java.time.ZonedDateTime.class, "now")
            .orShould()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.apache.camel..", "io.fabric8..", "io.nats..", "org.apache.kafka..");
    rule.check(classes);
  }

  /**
   * The CESQL engine's class loader (io.ofnevents.cesql) is a library the model uses: it loads
   * classes and nothing else, and depends on none of our layers.
   */
  @Test
  void theCesqlLibraryDependsOnNoLayer() {
    noClasses()
        .that()
        .resideInAPackage("io.ofnevents.cesql..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.ofnevents.model..",
            "io.ofnevents.compile..",
            "io.ofnevents.runtime..",
            "io.ofnevents.k8s..",
            "io.ofnevents.cli..",
            "java.io..",
            "java.nio.file..",
            "java.net.http..")
        .check(classes);
  }

  @Test
  void layersDependOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("model")
        .definedBy("io.ofnevents.model..")
        .layer("compile")
        .definedBy("io.ofnevents.compile..")
        .layer("runtime")
        .definedBy("io.ofnevents.runtime..", "io.ofnevents.display..", "io.ofnevents.catalog..")
        .layer("k8s")
        .definedBy("io.ofnevents.k8s..")
        .layer("cli")
        .definedBy("io.ofnevents.cli..", "io.ofnevents.bench..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("k8s")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("runtime")
        .mayOnlyBeAccessedByLayers("cli", "k8s")
        .whereLayer("compile")
        .mayOnlyBeAccessedByLayers("runtime", "k8s", "cli")
        .check(classes);
  }
}
