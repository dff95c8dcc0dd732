package io.ofnevents.k8s.camelk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.k8s.StructuralSchemas;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Camel K manifest we ship validates against the Camel K 2.4 CRD schemas, strictly: the
 * catalog's Kamelets as users apply them, the Pipe examples, and everything under `k8s/examples/`
 * (exported Integrations and Kamelets, the IntegrationPlatform of the NATS example).
 */
class CamelKManifestsTest {
  private static StructuralSchemas camelK;

  @BeforeAll
  static void schemas() throws Exception {
    camelK = new StructuralSchemas();
    for (String crd : List.of("integrations", "kamelets", "pipes", "integrationplatforms")) {
      camelK.addCrds(resource("camel.apache.org_" + crd + ".yaml"));
    }
  }

  static Stream<Path> manifests() throws Exception {
    List<Path> out = new ArrayList<>();
    for (Path root :
        List.of(Path.of("kamelets"), Path.of("kamelets/examples/pipes"), Path.of("k8s/examples"))) {
      try (Stream<Path> s =
          root.equals(Path.of("k8s/examples")) ? Files.walk(root) : Files.list(root)) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void validatesAgainstTheCamelKCrds(Path file) throws Exception {
    List<Object> docs = StructuralSchemas.documents(Files.readString(file));
    assertThat(docs).as(file + " has a manifest").isNotEmpty();
    for (Object doc : docs) {
      if (!String.valueOf(((Map<?, ?>) doc).get("apiVersion")).startsWith("camel.apache.org/")) {
        continue; // e.g. a NATS Deployment beside the Integrations
      }
      assertThat(camelK.validate(doc)).as(file.toString()).isEmpty();
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = CamelKManifestsTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name + " on the classpath (camel-k-crds jar)").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
