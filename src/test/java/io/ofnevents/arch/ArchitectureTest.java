package io.ofnevents.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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

  /**
   * What modules/ofn-events-camel builds (its pom's include list): our Camel components, languages,
   * CloudEvent processors and parking, on the model. They must never need the CLI, the operator,
   * the bench, the console or the standalone runtime, or the artifact that Kamelets name would drag
   * them in (the module's compile fails too, since it sees only its own sources).
   */
  static final String[] COMPONENT_PACKAGES = {
    "io.ofnevents.runtime.bus..",
    "io.ofnevents.runtime.cloudevents..",
    "io.ofnevents.runtime.delivery..",
    "io.ofnevents.runtime.kafka..",
    "io.ofnevents.runtime.knfilter..",
    "io.ofnevents.runtime.mqtt..",
    "io.ofnevents.runtime.redis..",
    "io.ofnevents.runtime.trigger..",
    "io.ofnevents.runtime.parking..",
    "io.ofnevents.runtime.observe..",
    "io.ofnevents.cesql.."
  };

  /** In those packages but built by the application: the management API, the Prometheus set-up. */
  static final String[] APPLICATION_CLASSES = {
    "io.ofnevents.runtime.parking.ParkedApi", "io.ofnevents.runtime.observe.Observability"
  };

  @Test
  void componentsDependOnNoApplicationCode() {
    noClasses()
        .that()
        .resideInAnyPackage(COMPONENT_PACKAGES)
        .and(not(belongToAnyOf(APPLICATION_CLASSES)))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.ofnevents.cli..",
            "io.ofnevents.k8s..",
            "io.ofnevents.bench..",
            "io.ofnevents.display..",
            "io.ofnevents.catalog..",
            "io.ofnevents.runtime.console..",
            "io.ofnevents.model.load..",
            "io.ofnevents.model.validate..",
            "picocli..",
            "org.apache.logging.log4j..",
            "io.fabric8..")
        .orShould()
        .dependOnClassesThat(
            resideInAPackage("io.ofnevents.compile..").and(not(name("io.ofnevents.compile.Names"))))
        .orShould()
        .dependOnClassesThat(belongToAnyOf(APPLICATION_CLASSES))
        .check(classes);
  }

  private static DescribedPredicate<JavaClass> belongToAnyOf(String[] names) {
    return DescribedPredicate.describe(
        "one of " + String.join(", ", names),
        c -> java.util.Arrays.asList(names).contains(c.getName().replaceAll("\\$.*", "")));
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
