package io.ofnevents.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds broker binaries on PATH, plus the sbin directories that a non-root PATH often lacks. */
public final class Binaries {
  // Debian installs nats-server and mosquitto under /usr/sbin, which is not on a user's PATH.
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

  private Binaries() {}

  /**
   * Returns the executable {@code name}, or fails with a hint naming the apt package to install.
   */
  public static Path require(String name, String aptPackage) {
    for (Path dir : searchPath()) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        name + " not found on PATH: install it with 'apt-get install -y " + aptPackage + "'");
  }

  static List<Path> searchPath() {
    Set<String> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          dirs.add(dir);
        }
      }
    }
    dirs.addAll(EXTRA_DIRS);
    List<Path> result = new ArrayList<>();
    dirs.forEach(dir -> result.add(Path.of(dir)));
    return result;
  }
}
