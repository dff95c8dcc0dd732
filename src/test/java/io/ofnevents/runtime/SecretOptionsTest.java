package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.runtime.bus.BusComponent;
import io.ofnevents.runtime.delivery.HttpSinkComponent;
import io.ofnevents.runtime.mqtt.MqttComponent;
import io.ofnevents.runtime.redis.RedisComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Camel masks every secret option of our components and Kamelets in the URIs it logs. */
class SecretOptionsTest {

  @Test
  void everySecretPropertyOfOurKameletsIsRegistered() throws Exception {
    Set<String> secrets = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("kamelets"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".kamelet.yaml")).toList()) {
        Map<String, Object> k = new Yaml().load(Files.readString(f));
        Map<String, Map<String, Object>> props = properties(k);
        props.forEach(
            (name, p) -> {
              if ("password".equals(p.get("format"))) secrets.add(name);
            });
      }
    }
    assertThat(SecretOptions.KAMELET_SECRETS).containsAll(secrets);
  }

  @Test
  void camelMasksTheSecretOptionsOfOurComponentsAndKamelets() throws Exception {
    try (CamelContext context = new DefaultCamelContext()) {
      context.getCamelContextExtension().setAdditionalSensitiveKeywords("mine");
      context.addComponent("ofn-mqtt", new MqttComponent());
      context.addComponent("ofn-bus", new BusComponent());
      context.addComponent("ofn-redis", new RedisComponent());
      context.addComponent("ofn-http", new HttpSinkComponent());
      context.start();
      assertThat(context.getCamelContextExtension().getAdditionalSensitiveKeywords())
          .as("a user's own keywords are kept")
          .contains("mine")
          .contains("clientKey");
    }
    // the URIs of our routes and Kamelets
    assertMasked(
        "kamelet://ofn-mqtt-source/r?url=ssl://m:8883&clientKey=RAW(-----BEGIN PRIVATE KEY-----"
            + " k3y)&caCert=/ca.pem",
        "k3y");
    assertMasked("ofn-mqtt://source?clientKey=/keys/k3y.pem&url=ssl://m:8883", "k3y");
    assertMasked(
        "kamelet://ofn-kafka-source/r?caCert=RAW(Y2E=)&clientKey=RAW(a2V5)&saslPassword=RAW(s4sl)",
        "a2V5",
        "s4sl");
    assertMasked(
        "kafka://t?additionalProperties.ssl.keystore.key=RAW(a2V5)&saslJaasConfig=RAW(x"
            + " password=\"s4sl\";)",
        "a2V5",
        "s4sl");
    assertMasked("ofn-bus://s?userCredentials=RAW(cr3d)&token=t0k&password=pw", "cr3d", "t0k");
    assertMasked("ofn-redis://source?redisPassword=r3d&redisHost=h:6379", "r3d");
    assertMasked(
        "ofn-http://sink?retry=3&url=http%3A%2F%2Fofn%3Ap4ss%40h%2Fin%3Ftoken%3Dt0k",
        "p4ss", "t0k");
  }

  /** As Camel logs an endpoint URI: normalized (options sorted by name), then sanitized. */
  private static void assertMasked(String uri, String... secrets) throws Exception {
    String masked = URISupport.sanitizeUri(URISupport.normalizeUri(uri));
    for (String secret : secrets) assertThat(masked).as(uri).doesNotContain(secret);
  }

  @Test
  void theSecretsOfASettingsRecordAreItsSecretUriParams() {
    record Settings(
        String url,
        @org.apache.camel.spi.UriParam(secret = true) String key,
        @org.apache.camel.spi.UriParam(name = "redisPassword", secret = true) String password) {}
    assertThat(SecretOptions.of(Settings.class)).containsExactly("key", "redisPassword");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> properties(Map<String, Object> kamelet) {
    Map<String, Object> spec = (Map<String, Object>) kamelet.get("spec");
    Map<String, Object> def = (Map<String, Object>) spec.get("definition");
    Object props = def.get("properties");
    return props == null ? Map.of() : (Map<String, Map<String, Object>>) props;
  }
}
