package io.ofnevents.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** k8s/: every kustomization names files that exist, and the RBAC covers what the operator does. */
class K8sManifestsTest {
  static final Path K8S = Path.of("k8s");

  @Test
  void everyKustomizationResourceExists() throws IOException {
    List<Path> kustomizations;
    try (Stream<Path> files = Files.walk(K8S)) {
      kustomizations = files.filter(p -> p.endsWith("kustomization.yaml")).toList();
    }
    assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(6);
    for (Path k : kustomizations) {
      Map<?, ?> doc = (Map<?, ?>) StructuralSchemas.documents(Files.readString(k)).get(0);
      for (Object r : (List<?>) doc.get("resources")) {
        assertThat(k.getParent().resolve((String) r)).as(k + " lists " + r).exists();
      }
    }
  }

  @Test
  void theClusterRoleGrantsEveryCallTheOperatorMakes() throws IOException {
    List<String> granted = new ArrayList<>();
    Map<?, ?> role =
        (Map<?, ?>)
            StructuralSchemas.documents(Files.readString(K8S.resolve("rbac/cluster-role.yaml")))
                .get(0);
    for (Object o : (List<?>) role.get("rules")) {
      Map<?, ?> rule = (Map<?, ?>) o;
      for (Object g : (List<?>) rule.get("apiGroups")) {
        for (Object r : (List<?>) rule.get("resources")) {
          for (Object v : (List<?>) rule.get("verbs")) granted.add(g + "/" + r + ":" + v);
        }
      }
    }
    assertThat(granted)
        .contains(
            "events.openfunction.io/eventsources:watch",
            "events.openfunction.io/triggers:list",
            "events.openfunction.io/eventbus:watch",
            "events.openfunction.io/clustereventbus:watch",
            "events.openfunction.io/eventsources/status:patch",
            "events.openfunction.io/triggers/status:patch",
            "camel.apache.org/integrations:create",
            "camel.apache.org/integrations:update",
            "camel.apache.org/integrations:delete",
            "camel.apache.org/kamelets:list",
            "camel.apache.org/kamelets:update",
            "camel.apache.org/kamelets:delete",
            "keda.sh/scaledobjects:create",
            "keda.sh/scaledobjects:update",
            "keda.sh/scaledobjects:delete",
            "/secrets:create",
            "/secrets:delete",
            "serving.knative.dev/services:get",
            "core.openfunction.io/functions:get");
  }

  @Test
  @SuppressWarnings("unchecked")
  void twoReplicasElectTheirLeaderOnALeaseTheirServiceAccountMayWrite() throws IOException {
    Map<?, ?> deployment =
        (Map<?, ?>)
            StructuralSchemas.documents(Files.readString(K8S.resolve("operator/deployment.yaml")))
                .get(0);
    Map<?, ?> spec = (Map<?, ?>) deployment.get("spec");
    assertThat(spec.get("replicas")).isEqualTo(2);
    assertThat(((Map<?, ?>) spec.get("strategy")).get("type")).isEqualTo("RollingUpdate");
    String args =
        String.valueOf(
            ((Map<?, ?>)
                    ((List<?>)
                            ((Map<?, ?>) ((Map<?, ?>) spec.get("template")).get("spec"))
                                .get("containers"))
                        .get(0))
                .get("args"));
    assertThat(args).doesNotContain("--no-leader-election");

    List<Object> docs =
        StructuralSchemas.documents(Files.readString(K8S.resolve("operator/leader-election.yaml")));
    Map<?, ?> role = (Map<?, ?>) docs.get(0);
    assertThat(((Map<?, ?>) role.get("metadata")).get("namespace")).isEqualTo("ofn-events-system");
    Map<?, ?> rule = (Map<?, ?>) ((List<?>) role.get("rules")).get(0);
    assertThat((List<Object>) rule.get("apiGroups")).containsExactly("coordination.k8s.io");
    assertThat((List<Object>) rule.get("resources")).containsExactly("leases");
    assertThat((List<Object>) rule.get("verbs")).contains("get", "create", "update");
    Map<?, ?> binding = (Map<?, ?>) docs.get(1);
    assertThat(String.valueOf(binding.get("subjects"))).contains("name=ofn-events-operator");
    assertThat(
            (List<Object>)
                ((Map<?, ?>)
                        StructuralSchemas.documents(
                                Files.readString(K8S.resolve("operator/kustomization.yaml")))
                            .get(0))
                    .get("resources"))
        .contains("leader-election.yaml");
  }
}
