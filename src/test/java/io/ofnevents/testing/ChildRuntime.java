package io.ofnevents.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `ofn-events` in a child JVM from the packaged jar, with its output in a log file: for tests that
 * kill -9 or SIGTERM the runtime. Needs `mvn package` first (the `*IT` phase runs after it).
 */
public final class ChildRuntime implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildRuntime(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts `ofn-events ARGS...`; extra environment variables as KEY=VALUE pairs. */
  public static ChildRuntime start(List<String> args, String... env) throws IOException {
    Path jar = Path.of(System.getProperty("ofn.jar", "target/ofn-events.jar"));
    if (!Files.exists(jar))
      throw new IllegalStateException(jar + " not found: run mvn package first");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(jar + File.pathSeparator + jar.resolveSibling("lib") + File.separator + "*");
    cmd.add("io.ofnevents.cli.Main");
    cmd.addAll(args);
    Path log = Files.createTempFile("ofn-child-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    for (String kv : env) {
      int eq = kv.indexOf('=');
      pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return new ChildRuntime(pb.start(), log);
  }

  public Process process() {
    return process;
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "<no log: " + e.getMessage() + ">";
    }
  }

  /** SIGTERM, then the exit code (or -1 if it did not stop within the timeout). */
  public int terminate(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  /** SIGKILL: no drain, no acknowledgement. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
