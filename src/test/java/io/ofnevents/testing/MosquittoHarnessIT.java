package io.ofnevents.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the harness against a real mosquitto, with a hand-made MQTT 3.1.1 CONNECT. */
class MosquittoHarnessIT {
  @RegisterExtension
  static final ServerExtension<MosquittoServer> mosquitto = ServerExtension.mosquitto();

  // CONNECT: protocol "MQTT" level 4, clean session, keep-alive 60 s, client id "ofn-it"
  private static final byte[] CONNECT = {
    0x10, 18, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 6, 'o', 'f', 'n', '-', 'i', 't'
  };

  @Test
  void acceptsAnAnonymousConnection() throws IOException {
    assertThat(mosquitto.url()).isEqualTo("tcp://127.0.0.1:" + mosquitto.port());
    try (Socket socket = new Socket(mosquitto.server().host(), mosquitto.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(CONNECT);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      // CONNACK: packet type 0x20, remaining length 2, no session present, return code 0
      assertThat(in.readNBytes(4)).containsExactly(0x20, 0x02, 0x00, 0x00);
    }
  }
}
