package io.ofnevents.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. Run with `-Dofn.update=true` to rewrite the expected files instead; the
 * diff of that rewrite is then reviewed like any change.
 */
public final class Golden {
  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("ofn.update");
  }

  public static void check(Path expected, String actual) throws IOException {
    if (updating()) {
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(expected)
        .as("golden file %s (regenerate with -Dofn.update=true)", expected)
        .exists();
    assertThat(actual)
        .as(
            "output differs from %s (regenerate with -Dofn.update=true and review the diff)",
            expected)
        .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
