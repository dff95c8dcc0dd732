package io.ofnevents.k8s.camelk;

import io.ofnevents.catalog.KameletCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The `spec.dependencies` of a Kamelet of our catalog. */
final class KameletDependencies {
  private KameletDependencies() {}

  static List<String> of(String kamelet) {
    Object doc =
        new Load(LoadSettings.builder().build()).loadFromString(KameletCatalog.read(kamelet));
    List<String> out = new ArrayList<>();
    if (doc instanceof Map<?, ?> k
        && k.get("spec") instanceof Map<?, ?> spec
        && spec.get("dependencies") instanceof List<?> deps) {
      deps.forEach(d -> out.add(String.valueOf(d)));
    }
    return out;
  }
}
