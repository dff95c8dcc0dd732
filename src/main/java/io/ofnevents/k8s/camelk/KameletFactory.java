package io.ofnevents.k8s.camelk;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ofnevents.catalog.KameletCatalog;
import java.util.TreeMap;
import org.apache.camel.v1.Kamelet;

/** Kamelet manifests of our catalog, read into the Camel K model for a given namespace. */
public final class KameletFactory {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KameletFactory() {}

  /** Kamelet `name` of the catalog, placed in `namespace` (null: none) and labelled as ours. */
  public static Kamelet kamelet(String name, String namespace) {
    Kamelet k = SERIALIZATION.unmarshal(KameletCatalog.read(name), Kamelet.class);
    k.getMetadata().setNamespace(namespace);
    // The Camel K 2.4 model writes x-descriptors back twice (also as "xdescriptors", which the
    // CRD does not know); they only guide UIs, so applied Kamelets go without them.
    if (k.getSpec().getDefinition() != null && k.getSpec().getDefinition().getProperties() != null)
      k.getSpec().getDefinition().getProperties().values().forEach(p -> p.setXDescriptors(null));
    var labels = new TreeMap<String, String>();
    if (k.getMetadata().getLabels() != null) labels.putAll(k.getMetadata().getLabels());
    labels.putAll(Labels.of(null));
    k.getMetadata().setLabels(labels);
    return k;
  }
}
