package io.ofnevents.cli;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.k8s.keda.ScaledObjects;
import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.Loaded;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.runtime.console.ConsoleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  /** The options of our `ofn-apiserver` component that `--kubeconfig` and `--context` set. */
  static final String KUBECONFIG_PROPERTY = "camel.component.ofn-apiserver.kubeconfig";

  static final String CONTEXT_PROPERTY = "camel.component.ofn-apiserver.context";

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

  @Mixin TokenOptions token = new TokenOptions();

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "The kubeconfig ApiServerSources watch the cluster with. Default: fabric8's standard"
              + " chain (KUBECONFIG, else ~/.kube/config, else the pod's service account).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "The kubeconfig context to use instead of its current-context.")
  String kubeContext;

  @Option(
      names = {"-p", "--property"},
      paramLabel = "KEY=VALUE",
      description = "Extra Camel property, repeatable.")
  Map<String, String> properties = new TreeMap<>();

  @Override
  public Integer call() throws Exception {
    ApiToken token =
        this.token.apiToken("run", System.getenv(ApiToken.ENV), spec.commandLine().getErr());
    if (token == null) return 1;
    LoadResult loaded = resources.loadValid(spec.commandLine().getErr());
    if (loaded == null) return 1;
    Inputs.report(noScaling(loaded), spec.commandLine().getErr());
    Bundle bundle =
        Compiler.compile(
            loaded.resources(), new CompileOptions(resources.addressing, Version.current()));
    if (Inputs.report(bundle.problems(), spec.commandLine().getErr())) return 1;
    if (bundle.routes().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "nothing to run: no EventSource, Trigger, Broker, PingSource or ApiServerSource in "
                  + resources.paths);
      return 1;
    }
    if (secretsDir != null) {
      // camel-kubernetes reads {{secret:name/key}} from this directory instead of the API.
      properties.put(
          "camel.kubernetes-config.mount-path-secrets", secretsDir.toAbsolutePath().toString());
      properties.put("camel.kubernetes-config.client-enabled", "false");
    }
    if (kubeconfig != null) {
      if (!Files.isRegularFile(kubeconfig)) {
        spec.commandLine()
            .getErr()
            .println("ofn-events run: --kubeconfig " + kubeconfig + " is not a file");
        return 1;
      }
      properties.put(KUBECONFIG_PROPERTY, kubeconfig.toAbsolutePath().toString());
    }
    if (kubeContext != null) properties.put(CONTEXT_PROPERTY, kubeContext);
    if (ingressPort < 0 || ingressPort > 65535) {
      spec.commandLine()
          .getErr()
          .println("ofn-events run: --ingress-port " + ingressPort + " is not a port (0 = off)");
      return 1;
    }
    RuntimeOptions options =
        new RuntimeOptions(managementPort, kamelets, properties, token, ingressPort);
    try (OfnRuntime runtime =
        new OfnRuntime(bundle, options).withConsole(ConsoleCatalog.of(loaded, bundle))) {
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

  /** KEDA scaling needs a workload to scale: standalone, every scaleOption is a no-op. */
  private static List<Problem> noScaling(LoadResult loaded) {
    List<Problem> warnings = new ArrayList<>();
    for (Loaded l : loaded.resources()) {
      for (String path : ScaledObjects.declared(l.resource())) {
        warnings.add(
            Problem.warning(
                l.where().file(),
                l.where().lineOf(path),
                l.resource().id(),
                path,
                "has no effect with run: KEDA scaling is applied by the operator (Camel K mode)"));
      }
    }
    return warnings;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }
}
