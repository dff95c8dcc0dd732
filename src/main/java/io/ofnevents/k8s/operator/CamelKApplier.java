package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ofnevents.catalog.KameletCatalog;
import io.ofnevents.compile.Names;
import io.ofnevents.k8s.camelk.IntegrationFactory;
import io.ofnevents.k8s.camelk.Labels;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.v1.Integration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan as Camel K objects: the Integration (controlled by the CR), a Secret for secrets
 * given in clear (also controlled by the CR; the Integration reads it through the mount trait), and
 * the Kamelets the routes use (see {@link KameletOwners}), and the KEDA ScaledObject of the
 * Integration when the resource has a `scaleOption` (see {@link Scaling}). Objects are only written
 * when they differ from what the cluster has.
 */
final class CamelKApplier implements Applier {
  private static final Logger LOG = LoggerFactory.getLogger(CamelKApplier.class);

  private final KubernetesClient client;
  private final String version;
  private final KameletOwners kamelets;
  private final Scaling scaling;
  private final BrokerServices services;

  CamelKApplier(KubernetesClient client, String version) {
    this.client = client;
    this.version = version;
    this.kamelets = new KameletOwners(client);
    this.scaling = new Scaling(client);
    this.services = new BrokerServices(client);
  }

  @Override
  public Applied apply(ResourceId id, GenericKubernetesResource owner, Outcome.Plan plan)
      throws Rejected {
    if (!plan.hasRoutes()) {
      delete(id);
      return Applied.running("defines no event: nothing to run");
    }
    for (String kamelet : plan.routes().kamelets()) {
      try {
        KameletCatalog.read(kamelet);
      } catch (IllegalArgumentException e) {
        throw new Rejected(
            "Kamelet " + kamelet + " is not in the catalog of this ofn-events " + version);
      }
    }
    OwnerReference ref = ownerRef(owner, true);
    IntegrationFactory.LiteralSecret literal = literalSecret(id, owner, plan, ref);
    Integration desired =
        IntegrationFactory.integration(
            plan.routes(),
            plan.applicationProperties(),
            version,
            literal,
            serviceAccount(id, owner));
    desired.getMetadata().setOwnerReferences(List.of(ref));
    var integrations = client.resources(Integration.class).inNamespace(id.namespace());
    Integration current = integrations.withName(desired.getMetadata().getName()).get();
    if (current != null && plan.scaledObject() != null) {
      // KEDA owns the replicas (through the scale subresource) while a ScaledObject exists;
      // without one, ours (none: Camel K's default) are written back.
      desired.getSpec().setReplicas(current.getSpec().getReplicas());
    }
    if (current == null || !same(current, desired)) {
      integrations.resource(desired).createOr(op -> op.update());
      LOG.info("Applied Integration {}/{}", id.namespace(), desired.getMetadata().getName());
    }
    kamelets.own(id.namespace(), ownerRef(owner, false), new TreeSet<>(plan.routes().kamelets()));
    if (Addressables.is(id.kind())) services.apply(id, ref);
    Scaling.Result scaled = scaling.apply(id, ref, plan.scaledObject());
    return new Applied(
        Applied.State.RUNNING,
        "Integration " + desired.getMetadata().getName() + " applied" + scaled.applied(),
        scaled.warning() == null ? List.of() : List.of(scaled.warning()));
  }

  @Override
  public void delete(ResourceId id) {
    if (Addressables.is(id.kind())) services.delete(id);
    scaling.delete(id);
    String name = Names.integration(id);
    if (!client
        .resources(Integration.class)
        .inNamespace(id.namespace())
        .withName(name)
        .delete()
        .isEmpty()) {
      LOG.info("Deleted Integration {}/{}", id.namespace(), name);
    }
    client.secrets().inNamespace(id.namespace()).withName(Names.integrationSecret(id)).delete();
    kamelets.release(id);
  }

  @Override
  public boolean sharesInMemoryBus() {
    return false;
  }

  @Override
  public boolean scalesWorkloads() {
    return true;
  }

  /**
   * A Broker's, Sequence's or Parallel's Service, in its namespace (see {@link BrokerServices}).
   */
  @Override
  public String address(ResourceId addressable) {
    return Addressables.is(addressable.kind()) ? BrokerServices.url(addressable) : null;
  }

  /** The Secret of the plan's literal secrets, or null (and no Secret) when there are none. */
  private IntegrationFactory.LiteralSecret literalSecret(
      ResourceId id, GenericKubernetesResource owner, Outcome.Plan plan, OwnerReference ref) {
    Map<String, String> data = new TreeMap<>();
    plan.secretLiterals()
        .forEach(
            (k, v) -> {
              if (plan.routes().yaml().contains("{{" + k + "}}")) {
                data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
              }
            });
    String name = Names.integrationSecret(id);
    var secrets = client.secrets().inNamespace(id.namespace());
    if (data.isEmpty()) {
      secrets.withName(name).delete();
      return null;
    }
    Secret desired =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(id.namespace())
            .withLabels(Labels.of(id))
            .withOwnerReferences(ref)
            .endMetadata()
            .withData(data)
            .build();
    Secret current = secrets.withName(name).get();
    if (current == null || !data.equals(current.getData())) {
      secrets.resource(desired).createOr(op -> op.update());
    }
    return new IntegrationFactory.LiteralSecret(name, new TreeSet<>(data.keySet()));
  }

  /** The service account of an ApiServerSource's Integration, null for the other kinds. */
  private static String serviceAccount(ResourceId id, GenericKubernetesResource owner) {
    if (id.kind() != Kind.KN_API_SERVER_SOURCE) return null;
    return Resources.load(id.kind(), owner).resources().stream()
        .findFirst()
        .map(l -> IntegrationFactory.serviceAccount(l.resource()))
        .orElse(null);
  }

  static OwnerReference ownerRef(HasMetadata owner, boolean controller) {
    return new OwnerReferenceBuilder()
        // the owner's own API (a Knative kind's), as the garbage collector resolves it
        .withApiVersion(owner.getApiVersion() == null ? Kind.API_VERSION : owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(controller ? true : null)
        .withBlockOwnerDeletion(controller ? true : null)
        .build();
  }

  private static boolean same(Integration current, Integration desired) {
    return desired.getSpec().equals(current.getSpec())
        && desired.getMetadata().getLabels().equals(current.getMetadata().getLabels())
        && desired
            .getMetadata()
            .getOwnerReferences()
            .equals(current.getMetadata().getOwnerReferences());
  }
}
