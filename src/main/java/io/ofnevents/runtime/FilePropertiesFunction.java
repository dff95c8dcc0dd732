package io.ofnevents.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.spi.PropertiesFunction;

/**
 * `{{ofn-file:/path}}`: the content of a file, for secrets given as `${file:/path}` (a mounted
 * Kubernetes Secret, a Docker secret). Trailing whitespace is dropped, since files written with
 * `echo` end in a newline that is no part of a token or password.
 */
public final class FilePropertiesFunction implements PropertiesFunction {
  public static final String NAME = "ofn-file";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String apply(String path) {
    try {
      return Files.readString(Path.of(path.trim()), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      // the message names the file only: its content is a secret
      throw new IllegalArgumentException("cannot read the secret file " + path + ": " + e, e);
    }
  }
}
