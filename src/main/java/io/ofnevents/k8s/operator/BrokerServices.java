package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ofnevents.compile.Names;
import io.ofnevents.k8s.camelk.Labels;
import io.ofnevents.model.ResourceId;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel K mode: the Service in front of the Integration of each Broker, Sequence and Parallel,
 * whose ingress route serves it ({@code kn-broker-{name}-ingress}, {@code
 * kn-sequence-{name}-ingress}, {@code kn-parallel-{name}-ingress}: port 80 to the Integration pods'
 * 8080, where Camel K serves `platform-http`), controlled by the resource, so that its
 * `status.address.url` does not depend on Camel K's service trait. Only written when it differs.
 */
final class BrokerServices {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerServices.class);

  /** The Service's port, so the URL needs none. */
  static final int PORT = 80;

  /** Where Camel K's runtime serves `platform-http` (Quarkus' HTTP port). */
  static final int CAMEL_K_HTTP_PORT = 8080;

  /** The label Camel K puts on the pods of an Integration. */
  static final String INTEGRATION_LABEL = "camel.apache.org/integration";

  private final KubernetesClient client;

  BrokerServices(KubernetesClient client) {
    this.client = client;
  }

  /** The address of `id`: its Service, and its path there (for a Broker, Knative's ingress's). */
  static String url(ResourceId id) {
    return "http://"
        + Names.brokerIngressService(id)
        + "."
        + id.namespace()
        + ".svc.cluster.local"
        + Addressables.path(id);
  }

  void apply(ResourceId broker, OwnerReference owner) {
    String name = Names.brokerIngressService(broker);
    Service desired =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(broker.namespace())
            .withLabels(Labels.of(null))
            .withOwnerReferences(owner)
            .endMetadata()
            .withNewSpec()
            .withSelector(Map.of(INTEGRATION_LABEL, Names.integration(broker)))
            .addNewPort()
            .withName("http")
            .withPort(PORT)
            .withTargetPort(new IntOrString(CAMEL_K_HTTP_PORT))
            .endPort()
            .endSpec()
            .build();
    var services = client.services().inNamespace(broker.namespace());
    Service current = services.withName(name).get();
    if (current == null
        || !Objects.equals(current.getSpec().getSelector(), desired.getSpec().getSelector())
        || !Objects.equals(current.getSpec().getPorts(), desired.getSpec().getPorts())
        || !Objects.equals(
            current.getMetadata().getOwnerReferences(),
            desired.getMetadata().getOwnerReferences())) {
      services.resource(desired).createOr(op -> op.update());
      LOG.info("Applied Service {}/{}", broker.namespace(), name);
    }
  }

  void delete(ResourceId broker) {
    String name = Names.brokerIngressService(broker);
    if (!client.services().inNamespace(broker.namespace()).withName(name).delete().isEmpty()) {
      LOG.info("Deleted Service {}/{}", broker.namespace(), name);
    }
  }
}
