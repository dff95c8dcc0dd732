package io.ofnevents.cli;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.runtime.console.ConsoleCatalog;
import io.ofnevents.runtime.console.ConsoleToken;
import io.ofnevents.runtime.parking.ParkedApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `run PATH...`: compile and run until SIGINT/SIGTERM, then drain. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Load every resource in PATH..., compile and run until stopped (SIGINT/SIGTERM).")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ResourceArgs resources;

  @Option(
      names = "--management-port",
      defaultValue = "8080",
      description =
          "Port of the console (/), its API (/api/), /health/live, /health/ready and /metrics; 0"
              + " turns it off (default: ${DEFAULT-VALUE}).")
  int managementPort;

  @Option(
      names = "--ingress-port",
      defaultValue = "8081",
      description =
          "Port of the Knative Brokers' ingress, POST /NAMESPACE/BROKER (CloudEvents, answered 202"
              + " once stored); 0 turns it off. Bound only when the input has a Broker (default:"
              + " ${DEFAULT-VALUE}).")
  int ingressPort;

  @Option(
      names = "--kamelets",
      paramLabel = "LOCATION",
      defaultValue = RuntimeOptions.CLASSPATH_KAMELETS,
      description =
          "Where Kamelets are loaded from, e.g. file:kamelets,classpath:kamelets (default: ${DEFAULT-VALUE}).")
  String kamelets;

  @Option(
      names = "--secrets-dir",
      paramLabel = "DIR",
      description =
          "Where {secretKeyRef: {name, key}} secrets are read from without a cluster: the file"
              + " DIR/name/key (the layout Kubernetes and Camel K mount Secrets in).")
  Path secretsDir;

  @Option(
      names = "--console-token",
      paramLabel = "TOKEN",
      defaultValue = "${env:" + ConsoleToken.ENV + "}",
      description =
          "Turns on the console's actions (replay, drop of parked events) for requests that send"
              + " this token; read-only without it. Default: the environment variable "
              + ConsoleToken.ENV
              + " (safer: a command line is visible to other users).")
  String consoleToken;

  @Option(
      names = "--api-token-file",
      paramLabel = "FILE",
      description =
          "Turns on replay and drop in the parked-events API (/api/parked): requests need"
              + " `Authorization: Bearer` with the token in FILE. Without it the API is read-only.")
  Path apiTokenFile;

  @Option(
      names = {"-p", "--property"},
      paramLabel = "KEY=VALUE",
      description = "Extra Camel property, repeatable.")
  Map<String, String> properties = new TreeMap<>();

  @Override
  public Integer call() throws Exception {
    LoadResult loaded = resources.loadValid(spec.commandLine().getErr());
    if (loaded == null) return 1;
    Bundle bundle =
        Compiler.compile(
            loaded.resources(), new CompileOptions(resources.addressing, Version.current()));
    if (Inputs.report(bundle.problems(), spec.commandLine().getErr())) return 1;
    if (bundle.routes().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "nothing to run: no EventSource, Trigger, Broker or PingSource in "
                  + resources.paths);
      return 1;
    }
    if (secretsDir != null) {
      // camel-kubernetes reads {{secret:name/key}} from this directory instead of the API.
      properties.put(
          "camel.kubernetes-config.mount-path-secrets", secretsDir.toAbsolutePath().toString());
      properties.put("camel.kubernetes-config.client-enabled", "false");
    }
    if (apiTokenFile != null) {
      if (!Files.isReadable(apiTokenFile) || Files.readString(apiTokenFile).isBlank()) {
        spec.commandLine()
            .getErr()
            .println(
                "ofn-events run: --api-token-file " + apiTokenFile + " is not a readable token");
        return 1;
      }
      properties.put(ParkedApi.TOKEN_FILE, apiTokenFile.toAbsolutePath().toString());
    }
    if (ingressPort < 0 || ingressPort > 65535) {
      spec.commandLine()
          .getErr()
          .println("ofn-events run: --ingress-port " + ingressPort + " is not a port (0 = off)");
      return 1;
    }
    RuntimeOptions options = new RuntimeOptions(managementPort, kamelets, properties, ingressPort);
    try (OfnRuntime runtime =
        new OfnRuntime(bundle, options)
            .withConsole(ConsoleCatalog.of(loaded, bundle), ConsoleToken.of(consoleToken))) {
      Signals.onTerminate(runtime::requestStop);
      runtime.run();
    } catch (Exception e) {
      spec.commandLine().getErr().println("ofn-events run: cannot start: " + rootMessage(e));
      return 1;
    }
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }
}
