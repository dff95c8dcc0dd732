package io.ofnevents.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway single-node Kafka broker (KRaft, broker and controller in one JVM) for the source
 * half of the benchmark. The product ships only Kafka's client, so the broker's jars are looked for
 * at run time: an Apache Kafka distribution in `$KAFKA_HOME/libs`, or the class path `mvn package`
 * writes to `target/kafka-broker.classpath` (Kafka is a test dependency of the build). {@link
 * #brokerClassPath()} is null when neither is there, and the benchmark says so.
 */
final class KafkaLauncher implements AutoCloseable {
  static final String CLASSPATH_FILE = "kafka-broker.classpath";
  private static final long READY_TIMEOUT_MS = 90_000;

  private final Process process;
  private final Path dir;
  private final int port;
  private final Thread reaper;

  private KafkaLauncher(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.reaper = new Thread(process::destroyForcibly, "ofn-bench-kafka-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Where the broker's jars were found, or null: `$KAFKA_HOME/libs/*`, else the build's class path
   * file beside the product jar or in `./target`.
   */
  static String brokerClassPath() throws IOException {
    String home = System.getenv("KAFKA_HOME");
    if (home != null && Files.isDirectory(Path.of(home, "libs"))) {
      return Path.of(home, "libs") + File.separator + "*";
    }
    List<Path> candidates = new ArrayList<>();
    String cp = System.getProperty("java.class.path");
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.endsWith("ofn-events.jar")) {
        candidates.add(Path.of(entry).toAbsolutePath().resolveSibling(CLASSPATH_FILE));
      }
    }
    candidates.add(Path.of("target", CLASSPATH_FILE));
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        String text = Files.readString(p).trim();
        if (!text.isEmpty() && text.contains("kafka_2.13")) return text;
      }
    }
    return null;
  }

  static KafkaLauncher start(String classPath) throws Exception {
    Path dir = Files.createTempDirectory("ofn-bench-kafka-");
    int port = NatsLauncher.freePort();
    int controller = NatsLauncher.freePort();
    Path config = dir.resolve("server.properties");
    Files.writeString(config, properties(dir, port, controller));
    Path logConfig = dir.resolve("log4j2.xml");
    Files.writeString(logConfig, LOG_CONFIG);
    Path log = dir.resolve("server.log");
    List<String> format = java(classPath, logConfig);
    String clusterId = clusterId();
    format.addAll(
        List.of(
            "kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId, "-c", "" + config));
    Process f =
        new ProcessBuilder(format).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!f.waitFor(90, TimeUnit.SECONDS) || f.exitValue() != 0) {
      f.destroyForcibly();
      throw new IllegalStateException("kafka storage format failed:\n" + Files.readString(log));
    }
    List<String> cmd = java(classPath, logConfig);
    cmd.addAll(List.of("kafka.Kafka", config.toString()));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    KafkaLauncher kafka = new KafkaLauncher(p, dir, port);
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (!Files.readString(log).contains("Kafka Server started")) {
      if (!p.isAlive() || System.currentTimeMillis() > deadline) {
        String output = Files.readString(log);
        kafka.close();
        throw new IllegalStateException("the Kafka broker did not start:\n" + output);
      }
      Thread.sleep(50);
    }
    return kafka;
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // shutting down: the hook finds the process gone
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // a leftover temporary directory is not worth failing the benchmark for
    }
  }

  private static List<String> java(String classPath, Path logConfig) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // small and quick to start: it shares the machine with everything measured
    cmd.addAll(
        List.of(
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dlog4j2.configurationFile=" + logConfig,
            "-cp",
            classPath));
    return cmd;
  }

  private static String properties(Path dir, int port, int controller) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controller,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=1",
        "auto.create.topics.enable=true",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  private static String clusterId() {
    UUID u = UUID.randomUUID();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
    b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  private static final String LOG_CONFIG =
      """
      <Configuration status="WARN">
        <Appenders><Console name="out" target="SYSTEM_OUT">
          <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n"/>
        </Console></Appenders>
        <Loggers>
          <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
          <Root level="WARN"><AppenderRef ref="out"/></Root>
        </Loggers>
      </Configuration>
      """;
}
