package io.ofnevents.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Resolves an Integration's `spec.dependencies` the way Camel K's build does: a generated Maven
 * project that depends on exactly those (`mvn:G:A:V` as is, `camel:X` as org.apache.camel:camel-X
 * with the Camel BOM's version), resolved transitively by Maven itself into a `lib/` of jars.
 *
 * <p>No network and no side effect: the "remote" repositories are this machine's local repository
 * (every Camel artifact is there once the build ran) and the repository ofn-events-camel's build
 * writes (`modules/ofn-events-camel/target/repo`, also in `mvn verify`, where nothing is
 * installed); what Maven copies goes to a local repository of its own under `work`.
 */
public final class CamelKDependencies {
  public static final String CAMEL_VERSION = "4.17.0";

  private CamelKDependencies() {}

  /** The jars `dependencies` resolve to (transitively, runtime scope), in `work/lib`. */
  public static List<Path> resolve(List<String> dependencies, Path work)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path m2 =
        Path.of(
            System.getProperty(
                "ofn.local.repo", System.getProperty("user.home") + "/.m2/repository"));
    Path ours =
        Path.of(System.getProperty("ofn.camel.repo", "modules/ofn-events-camel/target/repo"))
            .toAbsolutePath();
    if (!Files.isDirectory(ours.resolve("io/ofnevents/ofn-events-camel"))) {
      throw new IllegalStateException(ours + " has no ofn-events-camel: run `mvn package` first");
    }
    Files.writeString(work.resolve("pom.xml"), pom(dependencies, ours), StandardCharsets.UTF_8);
    Files.writeString(
        work.resolve("settings.xml"),
        """
        <settings>
          <localRepository>%s</localRepository>
          <mirrors>
            <mirror><id>this-machine</id><mirrorOf>*,!ofn-build</mirrorOf><url>%s</url></mirror>
          </mirrors>
        </settings>
        """
            .formatted(work.resolve("repository").toAbsolutePath(), m2.toUri()),
        StandardCharsets.UTF_8);
    Path lib = work.resolve("lib");
    // a release version is never looked up again once copied: take ours fresh each time
    deleteTree(work.resolve("repository/io/ofnevents"));
    deleteTree(lib);
    Path log = work.resolve("maven.log");
    Process mvn =
        new ProcessBuilder(
                "mvn",
                "-B",
                "-s",
                "settings.xml",
                "-Dmaven.repo.local=" + work.resolve("repository").toAbsolutePath(),
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
                "-DincludeScope=runtime",
                "-DoutputDirectory=" + lib.toAbsolutePath())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!mvn.waitFor(5, TimeUnit.MINUTES)) {
      mvn.destroyForcibly();
      throw new IllegalStateException("Maven did not resolve within 5 minutes: " + log);
    }
    if (mvn.exitValue() != 0) {
      throw new IllegalStateException(
          "Maven could not resolve " + dependencies + ":\n" + tail(Files.readAllLines(log)));
    }
    try (Stream<Path> jars = Files.list(lib)) {
      return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  /** Maven coordinates (groupId:artifactId:version, version empty when the BOM has it). */
  static String coordinates(String dependency) {
    if (dependency.startsWith("mvn:")) return dependency.substring(4);
    if (dependency.startsWith("camel:")) {
      return "org.apache.camel:camel-" + dependency.substring(6) + ":";
    }
    throw new IllegalArgumentException("not a Camel K dependency: " + dependency);
  }

  private static String pom(List<String> dependencies, Path ours) {
    StringBuilder deps = new StringBuilder();
    for (String d : dependencies) {
      String[] gav = coordinates(d).split(":", -1);
      deps.append("    <dependency><groupId>")
          .append(gav[0])
          .append("</groupId><artifactId>")
          .append(gav[1])
          .append("</artifactId>");
      if (gav.length > 2 && !gav[2].isEmpty())
        deps.append("<version>").append(gav[2]).append("</version>");
      deps.append("</dependency>\n");
    }
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>test</groupId>
          <artifactId>integration</artifactId>
          <version>1</version>
          <packaging>pom</packaging>
          <dependencyManagement>
            <dependencies>
              <!-- the alignment a runtime's BOM gives (Camel K: the Camel Quarkus BOM), here the
                   one our own build uses -->
              <dependency>
                <groupId>com.fasterxml.jackson</groupId><artifactId>jackson-bom</artifactId>
                <version>2.19.4</version><type>pom</type><scope>import</scope>
              </dependency>
              <dependency>
                <groupId>io.netty</groupId><artifactId>netty-bom</artifactId>
                <version>4.1.130.Final</version><type>pom</type><scope>import</scope>
              </dependency>
              <dependency>
                <groupId>org.apache.camel</groupId><artifactId>camel-bom</artifactId>
                <version>%s</version><type>pom</type><scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
        %s  </dependencies>
          <repositories>
            <repository><id>ofn-build</id><url>%s</url></repository>
          </repositories>
        </project>
        """
        .formatted(CAMEL_VERSION, deps, ours.toUri());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private static String tail(List<String> lines) {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
