package io.ofnevents.k8s.camelk;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.model.Resource;
import io.ofnevents.model.knative.ApiServerSource;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.v1.Integration;
import org.apache.camel.v1.IntegrationSpec;
import org.apache.camel.v1.integrationspec.Flows;
import org.apache.camel.v1.integrationspec.Traits;
import org.apache.camel.v1.integrationspec.traits.Camel;
import org.apache.camel.v1.integrationspec.traits.Mount;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Camel K Integration of one generated route file: its flows are the very routes `compile`
 * writes; application properties, mounted Secrets and our runtime jar are set through traits and
 * dependencies. Pure.
 */
public final class IntegrationFactory {
  /** Camel K mounts sources and Kamelets itself and sets these; ours would point elsewhere. */
  static final Set<String> CAMEL_K_OWNED =
      Set.of("camel.main.routes-include-pattern", "camel.component.kamelet.location");

  /** The Camel release the flows and Kamelets are generated and tested for. */
  public static final String CAMEL_VERSION = "4.17.0";

  /** Our artifact: the components, languages and Kamelets, nothing of the CLI. */
  public static final String COMPONENTS = "mvn:io.ofnevents:ofn-events-camel:";

  /** Endpoint URIs of a flow: `uri:`, `to:` or `from:` followed by `scheme:`. */
  private static final Pattern SCHEME =
      Pattern.compile("(?m)^\\s*(?:- )?(?:uri|to|from): ['\"]?([a-z][a-z0-9+-]*):");

  private static final Pattern SECRET_REF = Pattern.compile("\\{\\{secret:([^/}]+)/[^}]+}}");

  private IntegrationFactory() {}

  /**
   * The Integration running `file`.
   *
   * @param literalSecret the Secret holding the values of secrets written in clear in the resource,
   *     keyed by their property name, or null when there are none
   */
  public static Integration integration(
      RouteFile file, String applicationProperties, String version, LiteralSecret literalSecret) {
    return integration(file, applicationProperties, version, literalSecret, null);
  }

  /**
   * As above, its pod running as `serviceAccountName` (null: Camel K's default), which is the
   * identity an ApiServerSource watches with (see {@link #serviceAccount}).
   */
  public static Integration integration(
      RouteFile file,
      String applicationProperties,
      String version,
      LiteralSecret literalSecret,
      String serviceAccountName) {
    Integration it = new Integration();
    it.setMetadata(
        new ObjectMetaBuilder()
            .withName(Names.integration(file.resource()))
            .withNamespace(file.resource().namespace())
            .withLabels(Labels.of(file.resource()))
            .withAnnotations(
                new TreeMap<>(
                    Map.of(
                        Labels.GENERATED_FROM,
                        file.resource().toString(),
                        Labels.CAMEL_VERSION,
                        CAMEL_VERSION)))
            .build());
    IntegrationSpec spec = new IntegrationSpec();
    spec.setFlows(flows(file.yaml()));
    SortedSet<String> secrets = referencedSecrets(file.yaml());
    SortedSet<String> dependencies = dependencies(file, version);
    List<String> properties = properties(applicationProperties, dependencies);
    // the Prometheus registry the metrics properties ask for (Camel K's prometheus trait only
    // exposes it)
    if (properties.contains("camel.metrics.enabled=true")) {
      dependencies.add("camel:micrometer-prometheus");
    }
    if (literalSecret != null) {
      secrets.add(literalSecret.name());
      // Nested placeholders: the value is read from the mounted Secret at runtime, never written.
      literalSecret
          .keys()
          .forEach(k -> properties.add(k + "={{secret:" + literalSecret.name() + "/" + k + "}}"));
    }
    if (!secrets.isEmpty()) dependencies.add("camel:kubernetes"); // the `secret:` function
    spec.setDependencies(new ArrayList<>(dependencies));
    Traits traits = new Traits();
    Camel camel = new Camel();
    camel.setProperties(properties);
    traits.setCamel(camel);
    if (!secrets.isEmpty()) {
      Mount mount = new Mount();
      mount.setConfigs(secrets.stream().map(s -> "secret:" + s).toList());
      traits.setMount(mount);
    }
    spec.setTraits(traits);
    spec.setServiceAccountName(serviceAccountName);
    it.setSpec(spec);
    return it;
  }

  /**
   * The service account the Integration of `r` runs as: an ApiServerSource's
   * `spec.serviceAccountName` (Knative's default `default` when none is given), whose rights are
   * what its watches have; null for every other kind.
   */
  public static String serviceAccount(Resource r) {
    if (!(r instanceof ApiServerSource a)) return null;
    String sa = a.spec().serviceAccountName();
    return sa == null || sa.isBlank() ? "default" : sa;
  }

  /**
   * Everything the flows need, so that resolving `spec.dependencies` alone (and the Camel runtime)
   * runs them: our artifact when the flows or their Kamelets use our components, the YAML DSL, the
   * Camel component of each other scheme, and every dependency of the Kamelets used. Sorted, our
   * artifact first.
   */
  static SortedSet<String> dependencies(RouteFile file, String version) {
    SortedSet<String> deps =
        new TreeSet<>(
            (a, b) ->
                a.startsWith("mvn:") != b.startsWith("mvn:")
                    ? (a.startsWith("mvn:") ? -1 : 1)
                    : a.compareTo(b));
    deps.add("camel:yaml-dsl");
    Matcher m = SCHEME.matcher(file.yaml());
    while (m.find()) {
      String scheme = m.group(1);
      deps.add(scheme.startsWith("ofn-") ? COMPONENTS + version : "camel:" + scheme);
      // ofn-apiserver watches with the fabric8 client, an optional dependency of our artifact
      if (scheme.equals("ofn-apiserver")) deps.add("camel:kubernetes");
    }
    if (file.yaml().contains("ofn-condition")
        || file.yaml().contains("ofn-kn-filter")
        || file.yaml().contains("io.ofnevents.")) { // e.g. the Kafka source's TLS engine factory
      deps.add(COMPONENTS + version);
    }
    for (String kamelet : file.kamelets()) {
      for (String d : KameletDependencies.of(kamelet)) {
        if (!d.equals("camel:core")) deps.add(d); // every Camel runtime has the core
      }
    }
    return deps;
  }

  /** The routes of a generated file as Integration flows, in file order. */
  public static List<Flows> flows(String routeYaml) {
    List<Flows> flows = new ArrayList<>();
    Object routes = new Load(LoadSettings.builder().build()).loadFromString(routeYaml);
    if (routes == null) return flows;
    for (Object route : (List<?>) routes) {
      Flows flow = new Flows();
      ((Map<?, ?>) route).forEach((k, v) -> flow.setAdditionalProperty((String) k, v));
      flows.add(flow);
    }
    return flows;
  }

  /** Names of the Secrets the routes read with `{{secret:name/key}}`. */
  static SortedSet<String> referencedSecrets(String routeYaml) {
    SortedSet<String> names = new TreeSet<>();
    Matcher m = SECRET_REF.matcher(routeYaml);
    while (m.find()) names.add(m.group(1));
    return names;
  }

  /**
   * The application properties, less those Camel K sets and those configuring a Camel component the
   * Integration does not have (camel-main would refuse a property of a missing component).
   */
  private static List<String> properties(String applicationProperties, Set<String> dependencies) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(applicationProperties));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SortedMap<String, String> sorted = new TreeMap<>();
    p.stringPropertyNames().stream()
        .filter(k -> !CAMEL_K_OWNED.contains(k))
        .filter(
            k ->
                !k.startsWith("camel.component.")
                    || dependencies.contains("camel:" + k.split("\\.")[2]))
        .forEach(k -> sorted.put(k, p.getProperty(k)));
    List<String> list = new ArrayList<>();
    sorted.forEach((k, v) -> list.add(k + "=" + v));
    return list;
  }

  /** A Secret of literal secret values: its name and its keys (property names). */
  public record LiteralSecret(String name, SortedSet<String> keys) {}
}
