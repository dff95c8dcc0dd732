package io.ofnevents.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `ofn-events run DIR` as a child JVM from the packaged jar and `target/lib/`, the way a user runs
 * it, so a test can kill it abruptly (`kill()` is kill -9). Output goes to `DIR/runtime-N.log`.
 */
public final class RuntimeProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private RuntimeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts `run dir`; `n` numbers the log file so that restarts keep earlier logs. */
  public static RuntimeProcess start(Path dir, int n) throws IOException {
    Path jar = Path.of(System.getProperty("ofn.jar", "target/ofn-events.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " not found: run the ITs with `mvn verify`");
    }
    String classpath = jar + File.pathSeparator + jar.resolveSibling("lib") + File.separator + "*";
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            java.toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-cp",
            classpath,
            "io.ofnevents.cli.Main",
            "run",
            dir.toString(),
            "--management-port",
            "0");
    Path log = dir.resolve("runtime-" + n + ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new RuntimeProcess(p, log);
  }

  /** kill -9: no shutdown hook, no drain, nothing acknowledged that was not already. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines of the runtime's output, for failure messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM and wait for the graceful stop (kill -9 after 30 s). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
  }
}
