package io.ofnevents.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs `ofn-events ARGS` in a new JVM; the one place that builds it, for the
 * bench's start-up probe and for the tests that start the packaged runtime.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** `java FLAGS -cp CLASSPATH io.ofnevents.cli.Main ARGS`, with this JVM's java binary. */
  public static List<String> command(String classPath, List<String> jvmFlags, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-cp", classPath, Main.class.getName()));
    cmd.addAll(args);
    return cmd;
  }

  /** The class path of the packaged product: the jar and every jar in the `lib/` beside it. */
  public static String packaged(Path jar) {
    return jar
        + File.pathSeparator
        + jar.toAbsolutePath().resolveSibling("lib")
        + File.separator
        + "*";
  }

  /** This JVM's class path; a lone jar (the packaged product) gets its `lib/` spelled out. */
  public static String current() {
    String cp = System.getProperty("java.class.path");
    if (cp.endsWith(".jar") && !cp.contains(File.pathSeparator)) return packaged(Path.of(cp));
    return cp;
  }
}
