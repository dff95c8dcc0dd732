package io.ofnevents.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** A {@code mosquitto} MQTT broker accepting anonymous clients, without persistence. */
public final class MosquittoServer extends ServerProcess {
  private static final Pattern READY = Pattern.compile("mosquitto version \\S+ running");

  private MosquittoServer() {
    super("mosquitto", "mosquitto");
  }

  public static MosquittoServer create() {
    return new MosquittoServer();
  }

  /** {@code tcp://127.0.0.1:PORT}, the form MQTT clients such as Paho expect. */
  @Override
  protected Pattern readyLine() {
    return READY;
  }

  @Override
  public String url() {
    return "tcp://" + HOST + ":" + port();
  }

  @Override
  protected List<String> arguments() throws IOException {
    // the bind address and anonymous access can only be set in a config file, not by flags
    Path config = dir().resolve("mosquitto.conf");
    Files.writeString(
        config, "listener " + port() + " " + HOST + "\nallow_anonymous true\npersistence false\n");
    return List.of("-c", config.toString());
  }
}
