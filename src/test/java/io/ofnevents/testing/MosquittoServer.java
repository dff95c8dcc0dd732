package io.ofnevents.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A {@code mosquitto} MQTT broker accepting anonymous clients, without persistence; with {@link
 * #withTls} it listens for TLS only and requires a client certificate signed by the test CA. {@link
 * #persistent()} keeps sessions and queued messages across a restart (saved on a graceful stop);
 * {@link #refusingSubscriptions()} refuses every subscription (SUBACK 0x80) until {@link
 * #allowSubscriptions} is called.
 */
public final class MosquittoServer extends ServerProcess {
  private static final Pattern READY = Pattern.compile("mosquitto version \\S+ running");
  private static final String CONTROL = "$CONTROL/dynamic-security/v1";
  private final TestCertificates tls;
  private final boolean persistent;
  private final boolean refusing;

  private MosquittoServer(TestCertificates tls, boolean persistent, boolean refusing) {
    super("mosquitto", "mosquitto");
    this.tls = tls;
    this.persistent = persistent;
    this.refusing = refusing;
  }

  public static MosquittoServer create() {
    return new MosquittoServer(null, false, false);
  }

  /** A TLS-only broker ({@code ssl://}) that requires client certificates of `certificates`' CA. */
  public static MosquittoServer withTls(TestCertificates certificates) {
    return new MosquittoServer(certificates, false, false);
  }

  /** The same broker, saving its sessions and queued messages to its directory on stop. */
  public MosquittoServer persistent() {
    return new MosquittoServer(tls, true, refusing);
  }

  /**
   * The same broker with mosquitto's dynamic-security plugin: anonymous clients may publish and
   * receive, but every subscription is refused until {@link #allowSubscriptions}.
   */
  public MosquittoServer refusingSubscriptions() {
    return new MosquittoServer(tls, persistent, true);
  }

  /**
   * Lets clients subscribe from now on, without a restart and without disconnecting anyone: the
   * plugin's default access changes (a change to a role would disconnect the role's clients).
   */
  public void allowSubscriptions() throws MqttException {
    if (!refusing) throw new IllegalStateException("use refusingSubscriptions()");
    String command =
        "{\"commands\":[{\"command\":\"setDefaultACLAccess\","
            + "\"acls\":[{\"acltype\":\"subscribe\",\"allow\":true}]}]}";
    MqttClient admin = new MqttClient(url(), "ofn-test-dynsec-admin", new MemoryPersistence());
    admin.connect();
    try {
      admin.publish(CONTROL, command.getBytes(StandardCharsets.UTF_8), 1, false);
    } finally {
      admin.disconnect();
      admin.close();
    }
  }

  /** {@code tcp://127.0.0.1:PORT}, the form MQTT clients such as Paho expect. */
  @Override
  protected Pattern readyLine() {
    return READY;
  }

  @Override
  public String url() {
    return (tls == null ? "tcp://" : "ssl://") + HOST + ":" + port();
  }

  @Override
  protected List<String> arguments() throws IOException {
    // the bind address and anonymous access can only be set in a config file, not by flags
    Path config = dir().resolve("mosquitto.conf");
    String conf = "listener " + port() + " " + HOST + "\nallow_anonymous true\n";
    // run as root (a CI container), mosquitto would switch to its own user, which cannot write
    // the test's directory; as any other user this line has no effect
    if (persistent || refusing) conf += "user root\n";
    if (Boolean.getBoolean("ofn.mosquitto.debug")) conf += "log_type all\n";
    conf +=
        persistent
            ? "persistence true\npersistence_location " + dir() + "/\n"
            : "persistence false\n";
    if (refusing) {
      Path dynsec = dir().resolve("dynsec.json");
      if (!Files.exists(dynsec)) Files.writeString(dynsec, DYNSEC);
      conf += "plugin " + dynamicSecurityPlugin() + "\nplugin_opt_config_file " + dynsec + "\n";
    }
    if (tls != null) {
      conf +=
          "cafile "
              + tls.caCert()
              + "\ncertfile "
              + tls.serverCert()
              + "\nkeyfile "
              + tls.serverKey()
              + "\nrequire_certificate true\n";
    }
    Files.writeString(config, conf);
    return List.of("-c", config.toString());
  }

  /** The plugin the Debian mosquitto package ships, in its multiarch library directory. */
  private static Path dynamicSecurityPlugin() throws IOException {
    String name = "mosquitto_dynamic_security.so";
    for (Path root : List.of(Path.of("/usr/lib"), Path.of("/usr/local/lib"))) {
      if (!Files.isDirectory(root)) continue;
      try (Stream<Path> found = Files.find(root, 2, (p, a) -> p.endsWith(name))) {
        var plugin = found.findFirst();
        if (plugin.isPresent()) return plugin.get();
      }
    }
    throw new IllegalStateException(name + " not found under /usr/lib: install mosquitto");
  }

  // Subscribing is denied by default; the anonymous role may only use the plugin's own control
  // topic, which the plugin never opens to anyone by default.
  private static final String DYNSEC =
      """
      {
        "defaultACLAccess": {"publishClientSend": true, "publishClientReceive": true,
                             "subscribe": false, "unsubscribe": true},
        "clients": [],
        "groups": [{"groupname": "anonymous", "roles": [{"rolename": "anonymous"}]}],
        "roles": [{"rolename": "anonymous", "acls": [
          {"acltype": "publishClientSend", "topic": "$CONTROL/dynamic-security/#", "allow": true}
        ]}],
        "anonymousGroup": "anonymous"
      }
      """;
}
