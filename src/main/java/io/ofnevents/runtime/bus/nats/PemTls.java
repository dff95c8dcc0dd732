package io.ofnevents.runtime.bus.nats;

import io.ofnevents.runtime.bus.BusOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * An SSLContext from PEM files, as Kubernetes TLS Secrets hold them: a CA bundle to trust, and
 * optionally a client certificate with its PKCS#8 key for mutual TLS.
 */
final class PemTls {
  private static final Pattern KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final char[] NO_PASSWORD = new char[0];

  private PemTls() {}

  static SSLContext context(BusOptions o) {
    try {
      TrustManager[] trust = null; // the JVM's default trust store
      if (o.tlsInsecure()) trust = new TrustManager[] {new TrustAll()};
      else if (o.tlsCaFile() != null) trust = trustManagers(Path.of(o.tlsCaFile()));
      KeyManager[] keys = null;
      if (o.tlsCertFile() != null) {
        keys = keyManagers(Path.of(o.tlsCertFile()), Path.of(o.tlsKeyFile()));
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, null);
      return ctx;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("cannot set up TLS for NATS: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(Path caFile)
      throws IOException, GeneralSecurityException {
    KeyStore store = emptyStore();
    int i = 0;
    for (Certificate cert : certificates(caFile)) store.setCertificateEntry("ca-" + i++, cert);
    if (i == 0) throw new IllegalArgumentException(caFile + " holds no PEM certificate");
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  private static KeyManager[] keyManagers(Path certFile, Path keyFile)
      throws IOException, GeneralSecurityException {
    Certificate[] chain = certificates(certFile).toArray(Certificate[]::new);
    if (chain.length == 0) throw new IllegalArgumentException(certFile + " holds no certificate");
    KeyStore store = emptyStore();
    store.setKeyEntry("client", privateKey(keyFile, chain[0]), NO_PASSWORD, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, NO_PASSWORD);
    return kmf.getKeyManagers();
  }

  private static Collection<? extends Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
  }

  private static PrivateKey privateKey(Path file, Certificate cert)
      throws IOException, GeneralSecurityException {
    Matcher m = KEY.matcher(Files.readString(file));
    if (!m.find()) {
      throw new IllegalArgumentException(
          file
              + " holds no PKCS#8 key (\"BEGIN PRIVATE KEY\"); convert it with `openssl pkcs8"
              + " -topk8 -nocrypt`");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    String algorithm = cert.getPublicKey().getAlgorithm(); // RSA, EC or Ed25519
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    return store;
  }

  /** insecureSkipVerify: accepts any server certificate (testing only; validation warns). */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
