package io.ofnevents.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller in one node, replication factor
 * 1), run as a child JVM from the Kafka jars on the test classpath; no Docker, no install. Restarts
 * keep the port, the data and so the committed offsets. With {@link #withSasl} it also listens for
 * SASL_PLAINTEXT clients (PLAIN and SCRAM-SHA-256) on {@link #saslPort()}. With {@link #withTls} it
 * also has TLS listeners with the test certificates: one without client authentication ({@link
 * #tlsPort()}), one that requires a client certificate ({@link #mtlsPort()}) and SASL_SSL ({@link
 * #saslSslPort()}).
 */
public final class KafkaServer extends ServerProcess {
  private static final Pattern READY = Pattern.compile("Kafka Server started");
  private final String saslUser;
  private final String saslPassword;
  private final TestCertificates tls;
  private int controllerPort;
  private int saslPort;
  private int tlsPort;
  private int mtlsPort;
  private int saslSslPort;

  private KafkaServer(String saslUser, String saslPassword, TestCertificates tls) {
    super("java", "openjdk-17-jre-headless");
    this.saslUser = saslUser;
    this.saslPassword = saslPassword;
    this.tls = tls;
  }

  public static KafkaServer create() {
    return new KafkaServer(null, null, null);
  }

  /** A broker that also has a SASL_PLAINTEXT listener accepting this user (PLAIN and SCRAM). */
  public static KafkaServer withSasl(String user, String password) {
    return new KafkaServer(user, password, null);
  }

  /**
   * A broker with the SASL listeners of {@link #withSasl} and TLS listeners whose server
   * certificate (for 127.0.0.1) and client CA come from `certificates`.
   */
  public static KafkaServer withTls(TestCertificates certificates, String user, String password) {
    return new KafkaServer(user, password, certificates);
  }

  /** SSL, no client authentication. */
  public synchronized int tlsPort() {
    requireTls();
    return tlsPort;
  }

  /** SSL, a client certificate signed by the test CA required. */
  public synchronized int mtlsPort() {
    requireTls();
    return mtlsPort;
  }

  /** SASL_SSL (PLAIN and SCRAM-SHA-256), no client certificate. */
  public synchronized int saslSslPort() {
    requireTls();
    return saslSslPort;
  }

  private void requireTls() {
    if (tls == null) throw new IllegalStateException("no TLS listeners: use withTls()");
  }

  /** The bootstrap address, {@code 127.0.0.1:PORT}: Kafka clients take no scheme. */
  @Override
  public String url() {
    return HOST + ":" + port();
  }

  public String bootstrap() {
    return url();
  }

  public synchronized int saslPort() {
    if (saslUser == null) throw new IllegalStateException("no SASL listener: use withSasl()");
    return saslPort;
  }

  @Override
  protected Pattern readyLine() {
    return READY;
  }

  @Override
  protected synchronized void choosePorts() {
    super.choosePorts();
    controllerPort = FreePorts.pick();
    if (saslUser != null) saslPort = FreePorts.pick();
    if (tls != null) {
      tlsPort = FreePorts.pick();
      mtlsPort = FreePorts.pick();
      saslSslPort = FreePorts.pick();
    }
  }

  @Override
  protected List<String> arguments() throws IOException {
    Path config = dir().resolve("server.properties");
    Files.writeString(config, properties());
    Path logConfig = dir().resolve("log4j2.xml");
    Files.writeString(logConfig, LOG_CONFIG);
    if (!Files.exists(dir().resolve("data").resolve("meta.properties"))) format(config);
    List<String> args = new ArrayList<>(jvm(logConfig));
    args.addAll(List.of("kafka.Kafka", config.toString()));
    return args;
  }

  private String properties() {
    String listeners =
        "PLAINTEXT://" + HOST + ":" + port() + ",CONTROLLER://" + HOST + ":" + controllerPort;
    String advertised = "PLAINTEXT://" + HOST + ":" + port();
    String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
    StringBuilder p = new StringBuilder();
    if (saslUser != null) {
      listeners += ",SASL_PLAINTEXT://" + HOST + ":" + saslPort;
      advertised += ",SASL_PLAINTEXT://" + HOST + ":" + saslPort;
      protocols += ",SASL_PLAINTEXT:SASL_PLAINTEXT";
      p.append("sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256\n");
      p.append("listener.name.sasl_plaintext.plain.sasl.jaas.config=")
          .append("org.apache.kafka.common.security.plain.PlainLoginModule required user_")
          .append(saslUser)
          .append("=\"")
          .append(saslPassword)
          .append("\";\n");
      p.append("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=")
          .append("org.apache.kafka.common.security.scram.ScramLoginModule required;\n");
    }
    if (tls != null) {
      String more =
          "TLS://"
              + HOST
              + ":"
              + tlsPort
              + ",MTLS://"
              + HOST
              + ":"
              + mtlsPort
              + ",SASL_SSL://"
              + HOST
              + ":"
              + saslSslPort;
      listeners += "," + more;
      advertised += "," + more;
      protocols += ",TLS:SSL,MTLS:SSL,SASL_SSL:SASL_SSL";
      p.append("ssl.keystore.type=PEM\nssl.keystore.location=")
          .append(serverKeystore())
          .append("\nssl.truststore.type=PEM\nssl.truststore.location=")
          .append(tls.caCert())
          .append("\nlistener.name.mtls.ssl.client.auth=required\n");
      p.append("listener.name.sasl_ssl.plain.sasl.jaas.config=")
          .append("org.apache.kafka.common.security.plain.PlainLoginModule required user_")
          .append(saslUser)
          .append("=\"")
          .append(saslPassword)
          .append("\";\n");
      p.append("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=")
          .append("org.apache.kafka.common.security.scram.ScramLoginModule required;\n");
    }
    p.append("process.roles=broker,controller\nnode.id=1\n")
        .append("controller.quorum.voters=1@" + HOST + ":" + controllerPort + "\n")
        .append("listeners=" + listeners + "\n")
        .append("advertised.listeners=" + advertised + "\n")
        .append("listener.security.protocol.map=" + protocols + "\n")
        .append("controller.listener.names=CONTROLLER\ninter.broker.listener.name=PLAINTEXT\n")
        .append("log.dirs=" + dir().resolve("data") + "\n")
        .append("num.partitions=1\nauto.create.topics.enable=true\n")
        .append("offsets.topic.replication.factor=1\noffsets.topic.num.partitions=1\n")
        .append("transaction.state.log.replication.factor=1\ntransaction.state.log.min.isr=1\n")
        .append("group.initial.rebalance.delay.ms=0\n");
    return p.toString();
  }

  /** The server's key and certificate in one PEM file, as Kafka's file-based PEM store wants. */
  private Path serverKeystore() {
    Path file = dir().resolve("server-keystore.pem");
    try {
      Files.writeString(
          file, Files.readString(tls.serverKey()) + Files.readString(tls.serverCert()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  /** `kafka-storage format`, once per data directory; adds the SCRAM user when there is one. */
  private void format(Path config) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Binaries.require("java", "openjdk-17-jre-headless").toString());
    cmd.addAll(jvm(dir().resolve("log4j2.xml")));
    cmd.addAll(
        // `--cluster-id=ID`, not `-t ID`: an id starting with '-' would be read as an option.
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "--cluster-id=" + clusterId(),
            "-c",
            config.toString()));
    if (saslUser != null) {
      cmd.addAll(
          List.of(
              "--add-scram",
              "SCRAM-SHA-256=[name=" + saslUser + ",password=" + saslPassword + "]"));
    }
    Path out = dir().resolve("format.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("kafka storage format failed:\n" + Files.readString(out));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
  }

  private static List<String> jvm(Path logConfig) {
    return List.of(
        "-Xmx512m",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Dlog4j2.configurationFile=" + logConfig,
        "-cp",
        System.getProperty("java.class.path"));
  }

  private String clusterId() {
    // a Kafka cluster id is 16 bytes in URL-safe base64 without padding
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
