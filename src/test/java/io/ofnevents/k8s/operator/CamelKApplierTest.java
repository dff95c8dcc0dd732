package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.k8s.ManifestYaml;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.camel.v1.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Secrets given in clear and Kamelets missing from the catalog, against the mock API server. */
class CamelKApplierTest {
  static final String KEY = "ofn.secret.default.orders.spec.redis.orders.redisPassword";
  static final ResourceId ID = new ResourceId(Kind.EVENT_SOURCE, "default", "orders");

  final MockCluster cluster = new MockCluster();
  final CamelKApplier applier = new CamelKApplier(cluster.client, "0.1.0");

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void literalSecretsLiveInASecretOwnedByTheResourceAndNeverInTheIntegration() throws Exception {
    GenericKubernetesResource owner =
        cluster.apply(
            """
            apiVersion: events.openfunction.io/v1alpha1
            kind: EventSource
            metadata: {name: orders, namespace: default}
            spec: {sink: {uri: "http://sink/"}}
            """);
    String routes =
        """
        - route:
            id: es-default-orders-redis-orders
            from:
              uri: timer:x
              parameters:
                password: "{{%s}}"
        """
            .formatted(KEY);
    var plan =
        new Outcome.Plan(
            new RouteFile(ID, "x.camel.yaml", routes, new TreeSet<>()),
            "camel.main.name = ofn-events\n",
            null,
            Map.of(KEY, "hunter2-value", "ofn.secret.other", "not-ours"),
            null,
            List.of());

    applier.apply(ID, owner, plan);

    Secret secret =
        cluster.client.secrets().inNamespace("default").withName("es-orders-secrets").get();
    assertThat(secret.getData()).containsOnlyKeys(KEY);
    assertThat(
            new String(
                Base64.getDecoder().decode(secret.getData().get(KEY)), StandardCharsets.UTF_8))
        .isEqualTo("hunter2-value");
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("orders"));
    Integration it = cluster.integration("default", "es-orders");
    assertThat(it.getSpec().getTraits().getMount().getConfigs())
        .containsExactly("secret:es-orders-secrets");
    assertThat(it.getSpec().getTraits().getCamel().getProperties())
        .contains(KEY + "={{secret:es-orders-secrets/" + KEY + "}}");
    assertThat(it.getSpec().getDependencies()).contains("camel:kubernetes");
    assertThat(ManifestYaml.write(null, it)).doesNotContain("hunter2");
  }

  @Test
  void aKameletTheCatalogLacksIsRejectedBeforeAnythingIsApplied() {
    GenericKubernetesResource owner =
        cluster.apply(
            """
            apiVersion: events.openfunction.io/v1alpha1
            kind: EventSource
            metadata: {name: orders, namespace: default}
            spec: {sink: {uri: "http://sink/"}}
            """);
    var plan =
        new Outcome.Plan(
            new RouteFile(
                ID,
                "x.camel.yaml",
                "- route:\n    from: {uri: \"kamelet:ofn-nowhere-source\"}\n",
                new TreeSet<>(List.of("ofn-nowhere-source"))),
            "",
            null,
            Map.of(),
            null,
            List.of());
    assertThatThrownBy(() -> applier.apply(ID, owner, plan))
        .isInstanceOf(Applier.Rejected.class)
        .hasMessageContaining("Kamelet ofn-nowhere-source is not in the catalog");
    assertThat(cluster.integration("default", "es-orders")).isNull();
  }
}
