package io.ofnevents.runtime;

import java.util.Map;

/**
 * How to run a bundle: management port (0 = off), where Kamelets come from, and extra Camel
 * properties (tests and `--property`).
 */
public record RuntimeOptions(
    int managementPort, String kameletLocation, Map<String, String> properties) {
  public static final String CLASSPATH_KAMELETS = "classpath:kamelets";

  public static RuntimeOptions defaults() {
    return new RuntimeOptions(8080, CLASSPATH_KAMELETS, Map.of());
  }

  public RuntimeOptions withManagementPort(int port) {
    return new RuntimeOptions(port, kameletLocation, properties);
  }
}
