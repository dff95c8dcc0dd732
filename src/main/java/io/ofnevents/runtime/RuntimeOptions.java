package io.ofnevents.runtime;

import java.util.Map;

/**
 * How to run a bundle: management port (0 = off), where Kamelets come from, extra Camel properties
 * (tests and `--property`), the token that allows the management API's writes ({@link
 * ApiToken#none()}: read-only), and the port of the Knative Brokers' ingress (0 = off).
 */
public record RuntimeOptions(
    int managementPort,
    String kameletLocation,
    Map<String, String> properties,
    ApiToken apiToken,
    int ingressPort) {
  public static final String CLASSPATH_KAMELETS = "classpath:kamelets";

  /** The default port of the Brokers' ingress (`run --ingress-port`). */
  public static final int INGRESS_PORT = 8081;

  public RuntimeOptions {
    apiToken = apiToken == null ? ApiToken.none() : apiToken;
  }

  /** Read-only management API, without the Brokers' ingress. */
  public RuntimeOptions(
      int managementPort, String kameletLocation, Map<String, String> properties) {
    this(managementPort, kameletLocation, properties, ApiToken.none(), 0);
  }

  public static RuntimeOptions defaults() {
    return new RuntimeOptions(8080, CLASSPATH_KAMELETS, Map.of(), ApiToken.none(), INGRESS_PORT);
  }

  public RuntimeOptions withManagementPort(int port) {
    return new RuntimeOptions(port, kameletLocation, properties, apiToken, ingressPort);
  }

  public RuntimeOptions withApiToken(ApiToken token) {
    return new RuntimeOptions(managementPort, kameletLocation, properties, token, ingressPort);
  }

  public RuntimeOptions withIngressPort(int port) {
    return new RuntimeOptions(managementPort, kameletLocation, properties, apiToken, port);
  }
}
