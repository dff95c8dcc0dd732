package io.ofnevents.runtime.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory of an MQTT source from PEM: `caCert` replaces the JDK trust store,
 * `clientCert` + `clientKey` (PKCS#8 `PRIVATE KEY`, RSA or EC) authenticate the client. Each value
 * is PEM text, base64-encoded PEM (how the compiler passes `${env:}` and Secret references: PEM
 * line breaks cannot travel in an endpoint URI) or the path of a PEM file.
 */
final class MqttTls {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private MqttTls() {}

  static SSLSocketFactory socketFactory(MqttSettings s) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (s.caCert() == null) {
        tmf.init((KeyStore) null);
      } else {
        KeyStore trust = emptyStore();
        int i = 0;
        for (Certificate c : certificates(pem(s.caCert(), "caCert"))) {
          trust.setCertificateEntry("ca-" + i++, c);
        }
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (s.clientCert() != null) {
        KeyStore keys = emptyStore();
        Certificate[] chain =
            certificates(pem(s.clientCert(), "clientCert")).toArray(new Certificate[0]);
        keys.setKeyEntry("client", privateKey(pem(s.clientKey(), "clientKey")), NO_PASSWORD, chain);
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, NO_PASSWORD);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("MQTT TLS settings are not usable: " + e.getMessage(), e);
    }
  }

  /**
   * PEM text as given, or read from the file the value names. Inline text is re-wrapped, because
   * Camel endpoint URIs drop its line breaks on the way from the route to the source.
   */
  static String pem(String value, String field) throws IOException {
    if (value.contains("-----BEGIN")) return rewrap(value);
    String decoded = base64(value.trim());
    if (decoded != null && decoded.contains("-----BEGIN")) return rewrap(decoded);
    Path path = Path.of(value.trim());
    if (!Files.isRegularFile(path)) {
      // never the value itself: it may be a key
      throw new IOException(field + " is neither PEM text, base64 PEM nor a readable file");
    }
    return Files.readString(path, StandardCharsets.US_ASCII);
  }

  private static String base64(String value) {
    if (!value.matches("[A-Za-z0-9+/=\\s]+")) return null;
    try {
      return new String(Base64.getMimeDecoder().decode(value), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Every PEM block with its base64 body on 64-column lines, whatever whitespace it had. */
  static String rewrap(String text) {
    Matcher m = PEM.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String body = m.group(2).replaceAll("\\s", "");
      out.append("-----BEGIN ").append(m.group(1)).append("-----\n");
      for (int i = 0; i < body.length(); i += 64) {
        out.append(body, i, Math.min(body.length(), i + 64)).append('\n');
      }
      out.append("-----END ").append(m.group(1)).append("-----\n");
    }
    return out.toString();
  }

  private static Collection<? extends Certificate> certificates(String pem)
      throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher m = PEM.matcher(pem);
    if (!m.find()) throw new GeneralSecurityException("clientKey holds no PEM block");
    if (!m.group(1).equals("PRIVATE KEY")) {
      throw new GeneralSecurityException(
          "clientKey is a \""
              + m.group(1)
              + "\" block; convert it to PKCS#8 with `openssl pkcs8 -topk8 -nocrypt`");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm: PKCS#8 says which one, but the JDK wants to be told
      }
    }
    throw new GeneralSecurityException("clientKey is not an RSA, EC or Ed25519 PKCS#8 key");
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    return ks;
  }
}
