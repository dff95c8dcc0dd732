package io.ofnevents.k8s.keda;

import io.ofnevents.k8s.StructuralSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The ScaledObject CRD schema of KEDA 2.20.2 (src/test/resources/keda, with its source). */
public final class KedaCrd {
  private KedaCrd() {}

  public static StructuralSchemas schema() {
    try (InputStream in = KedaCrd.class.getResourceAsStream("/keda/keda.sh_scaledobjects.yaml")) {
      return new StructuralSchemas().addCrds(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
