package io.ofnevents.runtime;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.UriParam;
import org.apache.camel.util.URISupport;

/**
 * Makes Camel mask the secret options of our components wherever it logs an endpoint URI. Each
 * component declares its secret options with `@UriParam(secret = true)` on its settings record;
 * Camel's own masking goes by option name (`password`, `token`, ...) and knows none of ours (such
 * as `clientKey`), so their names are added to it here.
 */
public final class SecretOptions {
  private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

  private SecretOptions() {}

  /** Registers the secret options `settings` declares; each name once per JVM. */
  public static void register(Class<?> settings) {
    for (String name : of(settings)) {
      // Camel's list is global and grows with every call, hence once per name
      if (REGISTERED.add(name)) URISupport.addSanitizeKeywords(name);
    }
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
