package io.ofnevents.runtime;

import java.util.Map;

/**
 * How to run a bundle: management port (0 = off), where Kamelets come from, extra Camel properties
 * (tests and `--property`) and the token that allows the management API's writes ({@link
 * ApiToken#none()}: read-only).
 */
public record RuntimeOptions(
    int managementPort, String kameletLocation, Map<String, String> properties, ApiToken apiToken) {
  public static final String CLASSPATH_KAMELETS = "classpath:kamelets";

  public RuntimeOptions {
    apiToken = apiToken == null ? ApiToken.none() : apiToken;
  }

  /** Read-only management API. */
  public RuntimeOptions(
      int managementPort, String kameletLocation, Map<String, String> properties) {
    this(managementPort, kameletLocation, properties, ApiToken.none());
  }

  public static RuntimeOptions defaults() {
    return new RuntimeOptions(8080, CLASSPATH_KAMELETS, Map.of());
  }

  public RuntimeOptions withManagementPort(int port) {
    return new RuntimeOptions(port, kameletLocation, properties, apiToken);
  }

  public RuntimeOptions withApiToken(ApiToken token) {
    return new RuntimeOptions(managementPort, kameletLocation, properties, token);
  }
}
