package io.ofnevents.runtime.apiserver;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.function.Supplier;

/**
 * Why a watch sees nothing, in one line for readiness and the log: the API server unreachable, a
 * 403 naming the verb, resource and namespace the identity lacks, an unknown kind, a resume store
 * that cannot be read.
 */
final class WatchProblems {
  private WatchProblems() {}

  static String describe(
      String verb,
      SharedWatch.Key key,
      ResourceType type,
      Supplier<KubeConnection> connection,
      Throwable e) {
    if (e instanceof KubeConnection.UnknownKindException) return e.getMessage();
    if (verb.equals("load")) {
      return "cannot read where the watch of " + key.describe() + " resumes: " + e.getMessage();
    }
    KubeConnection c;
    try {
      c = connection.get();
    } catch (RuntimeException bad) {
      return "cannot connect to the API server: " + root(bad);
    }
    String what =
        (type == null ? key.apiVersion() + " " + key.kind() : type.resource())
            + (key.namespace() == null || (type != null && !type.namespaced())
                ? " in all namespaces"
                : " in namespace " + key.namespace());
    if (e instanceof KubernetesClientException k && k.getCode() == 403) {
      String server = k.getStatus() == null ? null : k.getStatus().getMessage();
      return "forbidden: "
          + c.identity()
          + " may not "
          + verb
          + " "
          + what
          + (server == null ? "" : " (the API server says: " + server + ")");
    }
    if (e instanceof KubernetesClientException k && k.getCode() == 401) {
      return "the API server "
          + c.apiServer()
          + " does not accept the credentials of "
          + c.identity()
          + " (401)";
    }
    if (unreachable(e)) {
      return "cannot reach the API server "
          + c.apiServer()
          + " to "
          + verb
          + " "
          + what
          + ": "
          + root(e);
    }
    return "cannot " + verb + " " + what + ": " + root(e);
  }

  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException) return true;
      if (t.getCause() == null && t.getMessage() != null && t.getMessage().contains("refused"))
        return true;
    }
    return false;
  }

  static String root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
