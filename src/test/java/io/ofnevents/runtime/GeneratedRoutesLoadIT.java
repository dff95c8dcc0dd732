package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.compile.ExampleSets;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.Yamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Route;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routes compiled from every example are loaded by the real camel-main with their Kamelets:
 * every route and Kamelet resolves. NATS addresses point at a real server (bus Kamelets connect
 * when they start); consumers do not start, so Kafka, Redis and MQTT are not contacted. Refs
 * resolve through each set's `addresses` file, as its README runs it.
 */
class GeneratedRoutesLoadIT {
  @RegisterExtension static final ServerExtension<NatsServer> NATS = ServerExtension.nats();
  private static final Pattern SECRET =
      Pattern.compile("\\{\\{secret:([a-z0-9.-]+)/([A-Za-z0-9._-]+)}}");

  static List<Path> sets() {
    return ExampleSets.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void loadsInCamelMain(Path set, @TempDir Path secrets) throws Exception {
    List<LoadResult> parts = new ArrayList<>();
    for (Path f : Yamls.yamlFiles(set)) {
      String text =
          Files.readString(f)
              .replaceAll("nats://[A-Za-z0-9.-]+:4222", NATS.url())
              // Secrets from the environment become literals: the test cannot set variables.
              .replaceAll("\\$\\{env:([A-Z_]+)}", "test-$1");
      parts.add(YamlLoader.load(f.toString(), text, "default"));
    }
    Bundle bundle =
        Compiler.compile(
            LoadResult.merge(parts).resources(),
            new CompileOptions(ExampleSets.addressing(set), "test"));
    // Secrets by reference are read from files, as `run --secrets-dir` does.
    Matcher m =
        SECRET.matcher(String.join("\n", bundle.routes().stream().map(RouteFile::yaml).toList()));
    while (m.find()) {
      Files.createDirectories(secrets.resolve(m.group(1)));
      Files.writeString(secrets.resolve(m.group(1)).resolve(m.group(2)), "test-secret");
    }
    RuntimeOptions options =
        new RuntimeOptions(
            0,
            RuntimeOptions.CLASSPATH_KAMELETS,
            Map.of(
                "camel.main.auto-startup", "false",
                "camel.kubernetes-config.mount-path-secrets", secrets.toString(),
                "camel.kubernetes-config.client-enabled", "false"),
            ApiToken.none(),
            // a Broker's ingress route is loaded only with the ingress on
            FreePorts.pick());
    try (OfnRuntime runtime = new OfnRuntime(bundle, options)) {
      runtime.start();
      List<String> ids = runtime.context().getRoutes().stream().map(Route::getRouteId).toList();
      for (RouteFile f : bundle.routes()) {
        for (String line : f.yaml().lines().filter(l -> l.startsWith("    id: ")).toList()) {
          assertThat(ids).contains(line.substring("    id: ".length()));
        }
      }
    }
  }
}
