package io.ofnevents.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * `{{ofn-file:/path}}`: the content of a file, such as a mounted secret, with one trailing newline
 * removed (editors and `echo` add it; a password never ends in one). This is how `${file:/path}`
 * secret references of the resources reach the routes without the value being written anywhere.
 */
public final class FileSecretFunction extends SecretFunction {
  @Override
  public String getName() {
    return "ofn-file";
  }

  @Override
  public String apply(String remainder) {
    Path path = Path.of(remainder.trim());
    try {
      String content = Files.readString(path, StandardCharsets.UTF_8);
      if (content.endsWith("\r\n")) return content.substring(0, content.length() - 2);
      if (content.endsWith("\n")) return content.substring(0, content.length() - 1);
      return content;
    } catch (IOException e) {
      // the message names the file only, never any content
      throw new IllegalArgumentException(
          "cannot read secret file " + path + ": " + e.getMessage(), e);
    }
  }
}
