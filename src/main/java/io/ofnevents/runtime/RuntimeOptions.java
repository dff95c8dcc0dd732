package io.ofnevents.runtime;

import java.util.Map;

/**
 * How to run a bundle: management port (0 = off), where Kamelets come from, extra Camel properties
 * (tests and `--property`), and the port of the Knative Brokers' ingress (0 = off).
 */
public record RuntimeOptions(
    int managementPort, String kameletLocation, Map<String, String> properties, int ingressPort) {
  public static final String CLASSPATH_KAMELETS = "classpath:kamelets";

  /** The default port of the Brokers' ingress (`run --ingress-port`). */
  public static final int INGRESS_PORT = 8081;

  /** Without the Brokers' ingress. */
  public RuntimeOptions(
      int managementPort, String kameletLocation, Map<String, String> properties) {
    this(managementPort, kameletLocation, properties, 0);
  }

  public static RuntimeOptions defaults() {
    return new RuntimeOptions(8080, CLASSPATH_KAMELETS, Map.of(), INGRESS_PORT);
  }

  public RuntimeOptions withManagementPort(int port) {
    return new RuntimeOptions(port, kameletLocation, properties, ingressPort);
  }

  public RuntimeOptions withIngressPort(int port) {
    return new RuntimeOptions(managementPort, kameletLocation, properties, port);
  }
}
