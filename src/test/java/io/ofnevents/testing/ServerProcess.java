package io.ofnevents.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A broker binary run as a child process on a free loopback port, for integration tests. */
public abstract class ServerProcess implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  public static final int DEFAULT_TAIL_LINES = 50;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  // An interrupted build (Ctrl-C, Failsafe timeout) must not leave brokers holding ports.
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
  }

  private final String binary;
  private final String aptPackage;
  private Path dir;
  private int port;
  private Process process;
  private Duration startupTime = Duration.ZERO;

  protected ServerProcess(String binary, String aptPackage) {
    this.binary = binary;
    this.aptPackage = aptPackage;
  }

  /** The command-line arguments after the binary; called on every (re)start. */
  protected abstract List<String> arguments() throws IOException;

  /** A line the server logs once it listens on its port. */
  protected abstract Pattern readyLine();

  /** The URL a client uses to connect, e.g. {@code nats://127.0.0.1:4222}. */
  public abstract String url();

  /** Chooses the ports for a fresh start; servers with extra listeners add theirs. */
  protected void choosePorts() {
    port = FreePorts.pick();
  }

  /**
   * Starts the server and waits until it is ready. The first start picks a free port; later starts
   * (after {@link #stop()} or {@link #kill()}) reuse the port and the directory.
   */
  public synchronized void start() {
    if (isRunning()) {
      throw new IllegalStateException(this + " is already running");
    }
    Path executable = Binaries.require(binary, aptPackage);
    boolean freshPort = port == 0;
    if (freshPort) {
      choosePorts();
    }
    try {
      launch(executable);
    } catch (StartupProbe.PortInUseException e) {
      if (!freshPort) {
        throw e; // a restart must keep its port, so there is nothing to retry with
      }
      choosePorts(); // lost the race for the port picked a moment ago: try once more
      launch(executable);
    }
  }

  /** Stops the server gracefully and starts it again on the same port and directory. */
  public synchronized void restart() {
    stop();
    start();
  }

  /** Stops the server: SIGTERM, then SIGKILL if it has not exited after 10 s. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      if (!awaitExit()) {
        process.destroyForcibly();
        awaitExit();
      }
    }
  }

  /** Kills the server abruptly (SIGKILL), as a crash would; {@link #start()} brings it back. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  /** Stops the server and deletes its directory; the object may then be started afresh. */
  @Override
  public synchronized void close() {
    stop();
    if (dir != null) {
      deleteRecursively(dir);
    }
    dir = null;
    port = 0;
    process = null;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  public String host() {
    return HOST;
  }

  /** The client port, or 0 before the first start. */
  public synchronized int port() {
    return port;
  }

  /** The server's own directory (data, config, log), kept across restarts until close. */
  public synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("ofn-it-" + binary + "-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for " + binary, e);
      }
    }
    return dir;
  }

  public ServerLog log() {
    return new ServerLog(dir().resolve("server.log"));
  }

  /** The last {@code lines} lines the server wrote to stdout and stderr, over all its starts. */
  public String logTail(int lines) {
    return log().tail(lines);
  }

  /** How long the last start took until the server was ready. */
  public synchronized Duration startupTime() {
    return startupTime;
  }

  public String binary() {
    return binary;
  }

  @Override
  public String toString() {
    return binary + "@" + HOST + ":" + port;
  }

  private void launch(Path executable) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    ServerLog log = log();
    long logOffset = log.size();
    long started = System.nanoTime();
    try {
      command.addAll(arguments());
      process =
          new ProcessBuilder(command)
              .directory(dir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    Process launched = process;
    LIVE.add(launched);
    launched.onExit().thenRun(() -> LIVE.remove(launched));
    new StartupProbe(binary, process, port, readyLine(), log, logOffset).await();
    startupTime = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "[harness] %s ready at %s in %d ms (pid %d, dir %s)%n",
        binary, url(), startupTime.toMillis(), process.pid(), dir);
  }

  private boolean awaitExit() {
    try {
      return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
