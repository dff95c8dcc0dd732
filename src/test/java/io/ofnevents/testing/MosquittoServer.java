package io.ofnevents.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code mosquitto} MQTT broker accepting anonymous clients, without persistence; with {@link
 * #withTls} it listens for TLS only and requires a client certificate signed by the test CA.
 */
public final class MosquittoServer extends ServerProcess {
  private static final Pattern READY = Pattern.compile("mosquitto version \\S+ running");
  private final TestCertificates tls;

  private MosquittoServer(TestCertificates tls) {
    super("mosquitto", "mosquitto");
    this.tls = tls;
  }

  public static MosquittoServer create() {
    return new MosquittoServer(null);
  }

  /** A TLS-only broker ({@code ssl://}) that requires client certificates of `certificates`' CA. */
  public static MosquittoServer withTls(TestCertificates certificates) {
    return new MosquittoServer(certificates);
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
    String conf = "listener " + port() + " " + HOST + "\nallow_anonymous true\npersistence false\n";
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
}
