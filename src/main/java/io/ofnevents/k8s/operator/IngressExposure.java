package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ofnevents.compile.Names;
import io.ofnevents.k8s.camelk.Labels;
import io.ofnevents.model.ResourceId;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process mode: the one Service in front of the runtime's ingress (Brokers, Sequences and
 * Parallels: {@code {lease}-ingress}, port 80 to `--ingress-port`, in the operator's namespace).
 * Only the leading replica runs the routes, so the Service selects one pod: the leader labels its
 * own pod when its term starts (and takes the label off any other pod, a leader that went away
 * without doing so), and takes it off its own when the term ends. Outside a pod there is no
 * Service: their address is this host and port.
 *
 * @param namespace the operator's namespace, null when not running in a pod
 * @param pod this replica's pod
 * @param lease the Lease name (one Service per watched scope)
 * @param port the runtime's ingress port
 * @param host the address outside a pod
 */
public record IngressExposure(String namespace, String pod, String lease, int port, String host) {
  private static final Logger LOG = LoggerFactory.getLogger(IngressExposure.class);

  /** The label the leader puts on its pod; its value is the Lease name. */
  static final String LEADER_LABEL = "ofn-events.io/ingress";

  /** Not in a pod: the Brokers are reached at `host` and `port` (0: the ingress is off). */
  public static IngressExposure outsidePod(int port, String host) {
    return new IngressExposure(null, null, null, port, host);
  }

  boolean inPod() {
    return namespace != null && pod != null && port > 0;
  }

  /** The address of Broker, Sequence or Parallel `id`; null when the ingress is off. */
  String url(ResourceId addressable) {
    if (port <= 0) return null;
    String path = Addressables.path(addressable);
    if (!inPod()) return "http://" + host + ":" + port + path;
    return "http://"
        + Names.operatorIngressService(lease)
        + "."
        + namespace
        + ".svc.cluster.local"
        + path;
  }

  /** This replica leads: the Service, and the label that sends its traffic here. */
  void lead(KubernetesClient client) {
    if (!inPod()) return;
    try {
      apply(client);
      for (Pod p :
          client.pods().inNamespace(namespace).withLabel(LEADER_LABEL, lease).list().getItems()) {
        if (!p.getMetadata().getName().equals(pod)) label(client, p.getMetadata().getName(), null);
      }
      label(client, pod, lease);
    } catch (KubernetesClientException e) {
      LOG.warn("Cannot expose the Broker ingress through Service {}: {}", name(), e.getMessage());
    }
  }

  /** This replica stops leading: its pod gets no more ingress traffic. */
  void follow(KubernetesClient client) {
    if (!inPod()) return;
    try {
      label(client, pod, null);
    } catch (KubernetesClientException e) {
      LOG.warn("Cannot take the ingress label off pod {}: {}", pod, e.getMessage());
    }
  }

  private String name() {
    return Names.operatorIngressService(lease);
  }

  private void apply(KubernetesClient client) {
    Service desired =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name())
            .withNamespace(namespace)
            .withLabels(Labels.of(null))
            .endMetadata()
            .withNewSpec()
            .withSelector(Map.of(LEADER_LABEL, lease))
            .addNewPort()
            .withName("http")
            .withPort(BrokerServices.PORT)
            .withTargetPort(new IntOrString(port))
            .endPort()
            .endSpec()
            .build();
    var services = client.services().inNamespace(namespace);
    Service current = services.withName(name()).get();
    if (current == null
        || !Objects.equals(current.getSpec().getSelector(), desired.getSpec().getSelector())
        || !Objects.equals(current.getSpec().getPorts(), desired.getSpec().getPorts())) {
      services.resource(desired).createOr(op -> op.update());
      LOG.info("Applied Service {}/{} for the Broker ingress", namespace, name());
    }
  }

  /** Sets (value) or removes (null) the leader label of pod `name`. */
  private void label(KubernetesClient client, String name, String value) {
    client
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            p -> {
              if (value == null) {
                if (p.getMetadata().getLabels() != null)
                  p.getMetadata().getLabels().remove(LEADER_LABEL);
              } else {
                Map<String, String> labels = new java.util.TreeMap<>();
                if (p.getMetadata().getLabels() != null) labels.putAll(p.getMetadata().getLabels());
                labels.put(LEADER_LABEL, value);
                p.getMetadata().setLabels(labels);
              }
              return p;
            });
  }
}
