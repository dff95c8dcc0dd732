package io.ofnevents.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * `ofn-events run DIR` in a child JVM from the packaged jar and its `lib/`, as a user runs it, so a
 * test can kill it abruptly; its output goes to `DIR/runtime.log`.
 */
final class ChildRuntime {
  private ChildRuntime() {}

  static Process start(Path dir) throws IOException {
    Path jar = Path.of(System.getProperty("ofn.jar", "target/ofn-events.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " not found: run the ITs with `mvn verify`");
    }
    String classpath = jar + java.io.File.pathSeparator + jar.resolveSibling("lib") + "/*";
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            java.toString(),
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classpath,
            "io.ofnevents.cli.Main",
            "run",
            dir.toString(),
            "--management-port",
            "0");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("runtime.log").toFile())
        .start();
  }
}
