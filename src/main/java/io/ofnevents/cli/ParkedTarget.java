package io.ofnevents.cli;

import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.compile.ParkingBundle;
import io.ofnevents.model.load.LoadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Where `ofn-events parked` finds parked events: a running runtime, or the resource files. */
final class ParkedTarget {
  @Option(
      names = "--runtime-url",
      paramLabel = "URL",
      description = "A running runtime's management URL, e.g. http://localhost:8080.")
  String runtimeUrl;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "A file with the management API's token (the one the runtime was given), for replay and"
              + " drop.")
  Path tokenFile;

  @Option(
      names = "-f",
      paramLabel = "PATH",
      description =
          "Without --runtime-url: YAML files or directories with the Triggers and their bus;"
              + " JetStream buses are read directly. Repeatable.")
  List<Path> paths;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Namespace of resources without one (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--secrets-dir",
      paramLabel = "DIR",
      description = "As for `run`: where {secretKeyRef} secrets of the bus are read from.")
  Path secretsDir;

  /** The client, or null after printing why there is none. */
  ParkedClient open(PrintWriter err) throws Exception {
    if (runtimeUrl != null && paths != null) {
      err.println("ofn-events parked: give --runtime-url or -f PATH, not both");
      return null;
    }
    if (runtimeUrl != null) return new RemoteParked(runtimeUrl, token(err));
    if (paths == null) {
      err.println("ofn-events parked: give --runtime-url URL or -f PATH (the resource files)");
      return null;
    }
    LoadResult loaded = Inputs.load(paths, namespace);
    if (Inputs.report(loaded.problems(), err)) return null;
    ParkingBundle bundle =
        Compiler.compileParking(loaded.resources(), CompileOptions.standalone(Version.current()));
    if (Inputs.report(bundle.deliveries().problems(), err)) return null;
    if (bundle.parkingEndpoints().isEmpty()) {
      err.println("ofn-events parked: no Trigger in " + paths);
      return null;
    }
    Map<String, String> properties = new TreeMap<>();
    if (secretsDir != null) {
      properties.put(
          "camel.kubernetes-config.mount-path-secrets", secretsDir.toAbsolutePath().toString());
      properties.put("camel.kubernetes-config.client-enabled", "false");
    }
    return LocalParked.start(bundle, properties, err);
  }

  private String token(PrintWriter err) throws IOException {
    if (tokenFile == null) return null;
    return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
  }
}
