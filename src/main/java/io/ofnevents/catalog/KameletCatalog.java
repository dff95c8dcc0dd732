package io.ofnevents.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Our Kamelet catalog as packaged on the classpath (`kamelets/NAME.kamelet.yaml`). */
public final class KameletCatalog {
  private KameletCatalog() {}

  /** The YAML of Kamelet `name`; fails if the catalog has no such Kamelet. */
  public static String read(String name) {
    String path = "kamelets/" + name + ".kamelet.yaml";
    try (InputStream in = KameletCatalog.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalArgumentException("no Kamelet " + name + " in the catalog");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
