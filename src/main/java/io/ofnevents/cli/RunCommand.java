package io.ofnevents.cli;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.camel.util.URISupport;
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
          "Port of /health/live, /health/ready and /metrics; 0 turns it off (default: ${DEFAULT-VALUE}).")
  int managementPort;

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
      names = {"-p", "--property"},
      paramLabel = "KEY=VALUE",
      description = "Extra Camel property, repeatable.")
  Map<String, String> properties = new TreeMap<>();

  @Override
  public Integer call() throws Exception {
    LoadResult loaded = resources.loadValid(spec.commandLine().getErr());
    if (loaded == null) return 1;
    Bundle bundle =
        Compiler.compile(loaded.resources(), CompileOptions.standalone(Version.current()));
    if (Inputs.report(bundle.problems(), spec.commandLine().getErr())) return 1;
    if (bundle.routes().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("nothing to run: no EventSource or Trigger in " + resources.paths);
      return 1;
    }
    if (secretsDir != null) {
      // camel-kubernetes reads {{secret:name/key}} from this directory instead of the API.
      properties.put(
          "camel.kubernetes-config.mount-path-secrets", secretsDir.toAbsolutePath().toString());
      properties.put("camel.kubernetes-config.client-enabled", "false");
    }
    RuntimeOptions options = new RuntimeOptions(managementPort, kamelets, properties);
    try (OfnRuntime runtime = new OfnRuntime(bundle, options)) {
      Signals.onTerminate(runtime::requestStop);
      runtime.run();
    } catch (Exception e) {
      // Camel's messages carry endpoint URIs with their secrets resolved: mask them
      String message = URISupport.sanitizeUri(rootMessage(e));
      spec.commandLine().getErr().println("ofn-events run: cannot start: " + message);
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
