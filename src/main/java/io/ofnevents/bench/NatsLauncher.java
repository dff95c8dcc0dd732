package io.ofnevents.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway nats-server with JetStream for the benchmark: found on PATH (or in the sbin
 * directories Debian installs it to), on a free loopback port with its store in a temporary
 * directory, killed and deleted at close or when the JVM exits.
 */
final class NatsLauncher implements AutoCloseable {
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");
  private static final long READY_TIMEOUT_MS = 15_000;

  private final Process process;
  private final Path dir;
  private final int port;
  private final Thread reaper;

  private NatsLauncher(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.reaper = new Thread(process::destroyForcibly, "ofn-bench-nats-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  static NatsLauncher start() throws IOException, InterruptedException {
    Path binary = find("nats-server");
    Path dir = Files.createTempDirectory("ofn-bench-nats-");
    int port = freePort();
    Path log = dir.resolve("server.log");
    List<String> cmd =
        List.of(
            binary.toString(),
            "-js",
            "-a",
            "127.0.0.1",
            "-p",
            String.valueOf(port),
            "-sd",
            dir.resolve("store").toString());
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    NatsLauncher nats = new NatsLauncher(p, dir, port);
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (!Files.readString(log).contains("Server is ready")) {
      if (!p.isAlive() || System.currentTimeMillis() > deadline) {
        String output = Files.readString(log);
        nats.close();
        throw new IllegalStateException("nats-server did not start:\n" + output);
      }
      Thread.sleep(20);
    }
    return nats;
  }

  String url() {
    return "nats://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway and finds the process gone
    }
    deleteQuietly(dir);
  }

  static Path find(String name) {
    Set<String> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) dirs.addAll(List.of(path.split(File.pathSeparator)));
    dirs.addAll(EXTRA_DIRS);
    for (String d : dirs) {
      if (d.isBlank()) continue;
      Path candidate = Path.of(d, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
    }
    throw new IllegalStateException(
        name
            + " not found on PATH or in /usr/sbin: install it with 'apt-get install -y "
            + name
            + "'");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover temporary directory is not worth failing the benchmark for
    }
  }
}
