package io.ofnevents.runtime;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Keeps the loggers of libraries that print resolved secrets at DEBUG at INFO, whatever the logging
 * configuration says, so that raising everything to DEBUG to chase a problem never puts a secret in
 * the log. Measured with SecretsNotLoggedIT, every logger at DEBUG; a quieter level is kept.
 */
final class SecretLoggers {
  static final List<String> CAPPED =
      List.of(
          // "Property with key [env:X] applied by function [env] -> <the value>"
          "org.apache.camel.component.properties.DefaultPropertiesParser",
          // "Resolved text: ...password=RAW({{env:X}}) -> ...password=RAW(<the value>)"
          "org.apache.camel.impl.engine.DefaultCamelContextExtension",
          // the sink URL with its query (a token)
          "org.apache.camel.component.http.HttpProducer",
          // request lines, headers (Authorization) and bodies of every sink request
          "org.apache.hc.client5.http",
          "org.apache.hc.client5.http.headers",
          "org.apache.hc.client5.http.wire");

  private SecretLoggers() {}

  static void cap() {
    for (String name : CAPPED) {
      Level level = LogManager.getLogger(name).getLevel();
      if (level != null && !level.isMoreSpecificThan(Level.INFO)) {
        Configurator.setLevel(name, Level.INFO);
      }
    }
  }
}
