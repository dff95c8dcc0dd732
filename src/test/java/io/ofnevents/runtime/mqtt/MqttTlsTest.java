package io.ofnevents.runtime.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** PEM handling of the MQTT source: line breaks lost on the way are restored, keys are checked. */
class MqttTlsTest {

  @Test
  void rewrapRestoresLinesThatAnEndpointUriDropped() {
    String body = "A".repeat(100);
    String flat = "-----BEGIN CERTIFICATE-----" + body + "-----END CERTIFICATE-----";
    assertThat(MqttTls.rewrap(flat))
        .isEqualTo(
            "-----BEGIN CERTIFICATE-----\n"
                + "A".repeat(64)
                + "\n"
                + "A".repeat(36)
                + "\n-----END CERTIFICATE-----\n");
  }

  @Test
  void base64EncodedPemIsDecodedAndAnythingElseIsRefusedWithoutShowingIt() throws Exception {
    String pem =
        "-----BEGIN CERTIFICATE-----\n" + "QUJD".repeat(20) + "\n-----END CERTIFICATE-----\n";
    String base64 = Base64.getEncoder().encodeToString(pem.getBytes());
    assertThat(MqttTls.pem(base64, "caCert")).isEqualTo(MqttTls.rewrap(pem));
    assertThatThrownBy(() -> MqttTls.pem("s3cr3t-not-a-key", "clientKey"))
        .hasMessage("clientKey is neither PEM text, base64 PEM nor a readable file")
        .message()
        .doesNotContain("s3cr3t");
  }

  @Test
  void readsAPkcs8RsaKeyWhateverItsWhitespace() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    byte[] der = g.generateKeyPair().getPrivate().getEncoded();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END PRIVATE KEY-----\n";
    assertThat(MqttTls.privateKey(pem).getAlgorithm()).isEqualTo("RSA");
    assertThat(MqttTls.privateKey(pem.replace("\r\n", "")).getEncoded()).isEqualTo(der);
  }

  @Test
  void aPkcs1KeySaysHowToConvertIt() {
    String pem = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
    assertThatThrownBy(() -> MqttTls.privateKey(pem))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage(
            "clientKey is a \"RSA PRIVATE KEY\" block; convert it to PKCS#8 with `openssl pkcs8"
                + " -topk8 -nocrypt`");
  }
}
