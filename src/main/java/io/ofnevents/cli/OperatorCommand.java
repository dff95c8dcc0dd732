package io.ofnevents.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ofnevents.compile.Names;
import io.ofnevents.k8s.operator.HealthServer;
import io.ofnevents.k8s.operator.IngressExposure;
import io.ofnevents.k8s.operator.LeaderElection;
import io.ofnevents.k8s.operator.Operator;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.RuntimeOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `operator`: keeps Camel K Integrations (or in-process routes) and CR status in sync. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description =
        "Watch EventSources, EventBuses, ClusterEventBuses and Triggers in the cluster, and the"
            + " Knative Brokers, Triggers and PingSources when it serves their kinds; apply Camel K"
            + " Integrations (or run the routes in this process), write their status, and serve"
            + " their console on the health port.")
final class OperatorCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorCommand.class);

  /** Where to run the routes. */
  enum Runtime {
    CAMEL_K,
    IN_PROCESS
  }

  @Option(
      names = "--namespace",
      defaultValue = "${env:OFN_WATCH_NAMESPACE}",
      description = "Watch only this namespace (default: all; env OFN_WATCH_NAMESPACE).")
  String namespace;

  @Option(
      names = "--runtime",
      defaultValue = "camel-k",
      converter = RuntimeConverter.class,
      description = "camel-k (default): apply Integrations; in-process: run the routes here.")
  Runtime runtime;

  @Option(
      names = "--health-port",
      defaultValue = "8081",
      description =
          "Port of /health/live, /health/ready and the console (/, /api/); 0 turns it off"
              + " (default: ${DEFAULT-VALUE}).")
  int healthPort;

  @Option(
      names = "--ingress-port",
      defaultValue = "8082",
      description =
          "In-process runtime only: port of the Knative Brokers' ingress (POST /NAMESPACE/BROKER),"
              + " behind the Service the operator creates; 0 turns it off (default:"
              + " ${DEFAULT-VALUE}).")
  int ingressPort;

  @Mixin TokenOptions token = new TokenOptions();

  @Option(
      names = "--leader-election",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Elect one active replica on a coordination.k8s.io Lease, so that several can run"
              + " (default: on; --no-leader-election for a single replica).")
  boolean leaderElection;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:POD_NAMESPACE}",
      description =
          "Namespace of the Lease (default: env POD_NAMESPACE, else the client's namespace: the"
              + " ServiceAccount's in a pod).")
  String leaseNamespace;

  @Option(
      names = "--management-port",
      defaultValue = "0",
      description = "In-process runtime only: port of its /health and /metrics (default 0: off).")
  int managementPort;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    String ns = namespace == null || namespace.isBlank() ? null : namespace;
    ApiToken apiToken =
        token.apiToken("operator", System.getenv(ApiToken.ENV), spec.commandLine().getErr());
    if (apiToken == null) return 1;
    if (ingressPort < 0 || ingressPort > 65535) {
      spec.commandLine()
          .getErr()
          .println(
              "ofn-events operator: --ingress-port " + ingressPort + " is not a port (0 = off)");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (KubernetesClient client = new KubernetesClientBuilder().build();
        Operator operator = create(client, ns, apiToken)) {
      // Returns once every informer has listed its kind (fails if the API cannot be reached).
      try {
        operator.start();
      } catch (KubernetesClientException e) {
        System.err.println(
            "ofn-events: cannot list the events.openfunction.io resources: "
                + rootCause(e)
                + " (check KUBECONFIG or the ServiceAccount, the CRDs (kubectl apply -k k8s/crds)"
                + " and the RBAC in k8s/rbac)");
        return 1;
      }
      try (HealthServer health =
          healthPort > 0
              ? new HealthServer(
                  healthPort, operator::live, operator::ready, operator.console(apiToken))
              : null) {
        Signals.onTerminate(stopped::countDown);
        LOG.info(
            "Operator ready in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        stopped.await();
      }
    }
    return 0;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private Operator create(KubernetesClient client, String ns, ApiToken apiToken) {
    LeaderElection election = leaderElection ? election(client, ns) : null;
    if (runtime == Runtime.IN_PROCESS) {
      return Operator.inProcess(
          client,
          ns,
          new RuntimeOptions(
              managementPort, RuntimeOptions.CLASSPATH_KAMELETS, Map.of(), apiToken, ingressPort),
          Version.current(),
          election,
          ingress(client, ns));
    }
    return Operator.camelK(client, ns, Version.current(), election);
  }

  /**
   * In a pod (env POD_NAMESPACE, and HOSTNAME, the pod's name): a Service in the operator's
   * namespace sends the ingress traffic to the leader's pod; outside, this host and port.
   */
  private IngressExposure ingress(KubernetesClient client, String ns) {
    String podNamespace = System.getenv("POD_NAMESPACE");
    String pod = System.getenv("HOSTNAME");
    if (podNamespace != null && !podNamespace.isBlank() && pod != null && !pod.isBlank()) {
      return new IngressExposure(podNamespace, pod, Names.operatorLease(ns), ingressPort, pod);
    }
    return IngressExposure.outsidePod(ingressPort, host());
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  /** One Lease per watched scope; this process's identity is its host (the pod) and pid. */
  private LeaderElection election(KubernetesClient client, String ns) {
    String leaseNs =
        leaseNamespace == null || leaseNamespace.isBlank() ? client.getNamespace() : leaseNamespace;
    if (leaseNs == null) leaseNs = "default";
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "localhost";
      }
    }
    String identity = host + "_" + ProcessHandle.current().pid();
    LOG.info("Leader election on Lease {}/{} as {}", leaseNs, Names.operatorLease(ns), identity);
    return LeaderElection.of(leaseNs, Names.operatorLease(ns), identity);
  }

  /** Accepts camel-k and in-process. */
  static final class RuntimeConverter implements picocli.CommandLine.ITypeConverter<Runtime> {
    @Override
    public Runtime convert(String value) {
      return switch (value) {
        case "camel-k" -> Runtime.CAMEL_K;
        case "in-process" -> Runtime.IN_PROCESS;
        default ->
            throw new picocli.CommandLine.TypeConversionException(
                "expected camel-k or in-process, got \"" + value + "\"");
      };
    }
  }
}
