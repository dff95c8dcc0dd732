package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.k8s.StructuralSchemas;
import io.ofnevents.model.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The RBAC of both installs (all namespaces, one namespace) grants what the table of watched kinds
 * needs: a kind added to {@link Watched#KINDS} without its RBAC rule fails here.
 */
class RbacTest {
  @Test
  void everyWatchedKindIsWatchableAndEveryReconciledKindsStatusWritable() throws IOException {
    for (String file :
        List.of("k8s/rbac/cluster-role.yaml", "k8s/overlays/single-namespace/rbac.yaml")) {
      List<String> granted = granted(Path.of(file));
      for (Kind kind : Watched.KINDS.keySet()) {
        String resource = kind.group() + "/" + kind.plural();
        assertThat(granted)
            .as(file)
            .contains(resource + ":get", resource + ":list", resource + ":watch");
        if (Watched.KINDS.get(kind).reconciled()) {
          assertThat(granted)
              .as(file)
              .contains(resource + "/status:update", resource + "/status:patch");
        }
      }
      assertThat(granted)
          .as(file)
          .contains(
              "eventing.knative.dev/brokers:update",
              "/services:create",
              "/services:delete",
              "apiextensions.k8s.io/customresourcedefinitions:watch",
              "sources.knative.dev/*:get",
              "authorization.k8s.io/subjectaccessreviews:create",
              "/namespaces:list");
    }
    List<String> leader = granted(Path.of("k8s/operator/leader-election.yaml"));
    assertThat(leader).contains("/pods:patch", "/pods:list", "/services:create");
  }

  private static List<String> granted(Path file) throws IOException {
    List<String> granted = new ArrayList<>();
    for (Object doc : StructuralSchemas.documents(Files.readString(file))) {
      Map<?, ?> role = (Map<?, ?>) doc;
      if (!(role.get("rules") instanceof List<?> rules)) continue;
      for (Object o : rules) {
        Map<?, ?> rule = (Map<?, ?>) o;
        for (Object g : (List<?>) rule.get("apiGroups")) {
          for (Object r : (List<?>) rule.get("resources")) {
            for (Object v : (List<?>) rule.get("verbs")) granted.add(g + "/" + r + ":" + v);
          }
        }
      }
    }
    return granted;
  }
}
