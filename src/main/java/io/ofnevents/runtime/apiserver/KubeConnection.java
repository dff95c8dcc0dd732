package io.ofnevents.runtime.apiserver;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connection to the Kubernetes API server every ApiServerSource of the process shares: the
 * fabric8 client configured by fabric8's standard chain (a kubeconfig file, `KUBECONFIG` or
 * `~/.kube/config`, when there is one, else the pod's service account; then the `KUBERNETES_*`
 * variables), or by `run --kubeconfig FILE` and `--context NAME`. Discovery answers are kept: a
 * kind's plural does not change while the process runs.
 */
final class KubeConnection implements AutoCloseable {
  private static final Pattern SUBJECT = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"");

  private final KubernetesClient client;
  private final String apiServer;
  private final String identity;
  private final boolean inCluster;
  private final Map<String, ResourceType> discovered = new ConcurrentHashMap<>();

  private KubeConnection(Config config) {
    // Our watch loop reconnects itself, from the last change it delivered, and says why when it
    // cannot; fabric8's own silent reconnects would hide that.
    config.setWatchReconnectLimit(0);
    this.client = new KubernetesClientBuilder().withConfig(config).build();
    String url = config.getMasterUrl();
    this.apiServer = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.inCluster = config.getFile() == null && config.getAutoOAuthToken() != null;
    this.identity = describe(config, inCluster);
  }

  /** Connects as `kubeconfig` (null: the standard chain) and `context` (null: the current). */
  static KubeConnection open(String kubeconfig, String context) {
    Config config =
        kubeconfig != null
            ? Config.fromKubeconfig(context, new File(kubeconfig))
            : Config.autoConfigure(context);
    return new KubeConnection(config);
  }

  KubernetesClient client() {
    return client;
  }

  /** The API server's URL, the `source` of every event (Knative's). */
  String apiServer() {
    return apiServer;
  }

  /** Who watches, for messages: the kubeconfig's user and context, or the service account. */
  String identity() {
    return identity;
  }

  /** Whether the client runs as the pod's service account (no kubeconfig). */
  boolean inCluster() {
    return inCluster;
  }

  /**
   * The kind `kind` of `apiVersion` as discovery serves it.
   *
   * @throws UnknownKindException when the API server does not serve it (yet: a CRD may come)
   */
  ResourceType discover(String apiVersion, String kind) {
    ResourceType known = discovered.get(apiVersion + "/" + kind);
    if (known != null) return known;
    APIResourceList list = client.getApiResources(apiVersion);
    if (list != null && list.getResources() != null) {
      for (APIResource r : list.getResources()) {
        // subresources (pods/status) carry the kind of their parent
        if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
          ResourceType t =
              new ResourceType(
                  apiVersion, kind, r.getName(), Boolean.TRUE.equals(r.getNamespaced()));
          discovered.put(apiVersion + "/" + kind, t);
          return t;
        }
      }
    }
    throw new UnknownKindException(
        "the API server "
            + apiServer
            + " serves no kind "
            + kind
            + " in "
            + apiVersion
            + " (discovery of "
            + apiVersion
            + ")");
  }

  private static String describe(Config config, boolean inCluster) {
    if (inCluster) {
      String sub = tokenSubject(config.getAutoOAuthToken());
      return "the pod's service account" + (sub == null ? "" : " " + sub);
    }
    var ctx = config.getCurrentContext();
    String user = ctx == null || ctx.getContext() == null ? null : ctx.getContext().getUser();
    return "the kubeconfig's user "
        + (user == null ? "(none)" : user)
        + (ctx == null ? "" : " (context " + ctx.getName() + ")");
  }

  /** The `sub` claim of a service account token (`system:serviceaccount:NS:NAME`), if readable. */
  static String tokenSubject(String token) {
    if (token == null) return null;
    String[] parts = token.trim().split("\\.");
    if (parts.length < 2) return null;
    try {
      String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      Matcher m = SUBJECT.matcher(payload);
      return m.find() ? m.group(1) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** The API server does not serve a kind (misspelt, or its CRD is not installed yet). */
  static final class UnknownKindException extends RuntimeException {
    UnknownKindException(String message) {
      super(message);
    }
  }
}
