package io.ofnevents.runtime;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.UriParam;

/**
 * Makes Camel mask secret values wherever it logs an endpoint URI (route start, endpoint creation,
 * a failed start) or a property (the placeholder summary at start). Camel's masking goes by option
 * name (`password`, `token`, ...) and knows none of ours, such as `clientKey`: each component
 * declares its secret options with `@UriParam(secret = true)` on its settings record and registers
 * them here, together with the secret properties of our Kamelets, which reach Camel as `kamelet:`
 * URI options, as Camel's additional sensitive keywords (`camel.main.additionalSensitiveKeywords`,
 * kept). Camel (4.17) masks only the first option of a URI that matches an added keyword; our URIs
 * list their options sorted, and the only two added keywords that share one URI are `clientKey` and
 * `url` (an MQTT broker's, no secret), in that order.
 */
public final class SecretOptions {
  /**
   * The `format: password` properties of our Kamelets, the sink `url` (which may carry credentials
   * and a token, and which Camel logs percent-encoded, past its masking of user info and `token=`)
   * and the Kafka option the Kafka source Kamelet passes a client key in. {@code SecretOptionsTest}
   * keeps this list complete.
   */
  static final List<String> KAMELET_SECRETS =
      List.of(
          "clientKey",
          "saslPassword",
          "redisPassword",
          "token",
          "password",
          "userCredentials",
          "url",
          "ssl.keystore.key");

  private SecretOptions() {}

  /** Adds the Kamelets' secrets and those `settings` declare to `context`'s sensitive keywords. */
  public static synchronized void register(CamelContext context, Class<?>... settings) {
    ExtendedCamelContext ext = context.getCamelContextExtension();
    String current = ext.getAdditionalSensitiveKeywords();
    Set<String> names = new TreeSet<>(KAMELET_SECRETS);
    for (Class<?> s : settings) names.addAll(of(s));
    if (current != null) {
      for (String k : current.split(",")) if (!k.isBlank()) names.add(k.trim());
    }
    String all = String.join(",", names);
    // also sets Camel's URI masking, which keeps one list that each call replaces
    if (!all.equals(current)) ext.setAdditionalSensitiveKeywords(all);
  }

  /** Option names declared `@UriParam(secret = true)` on the fields of `settings`. */
  public static Set<String> of(Class<?> settings) {
    Set<String> names = new TreeSet<>();
    for (Field f : settings.getDeclaredFields()) {
      UriParam p = f.getAnnotation(UriParam.class);
      if (p != null && p.secret()) names.add(p.name().isEmpty() ? f.getName() : p.name());
    }
    return names;
  }
}
