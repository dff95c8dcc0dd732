package io.ofnevents.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away CA, a server certificate for 127.0.0.1 and a client certificate, all PEM, made with
 * the `openssl` command line in a temp directory. Private keys are PKCS#8 (`BEGIN PRIVATE KEY`).
 */
public record TestCertificates(
    Path dir, Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

  public static TestCertificates create() {
    try {
      Path dir = Files.createTempDirectory("ofn-certs");
      TestCertificates c =
          new TestCertificates(
              dir,
              dir.resolve("ca.pem"),
              dir.resolve("server.pem"),
              dir.resolve("server-key.pem"),
              dir.resolve("client.pem"),
              dir.resolve("client-key.pem"));
      Path caKey = dir.resolve("ca-key.pem");
      openssl(
          dir,
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "2",
          "-subj",
          "/CN=ofn-test-ca",
          "-keyout",
          caKey.toString(),
          "-out",
          c.caCert.toString());
      issue(dir, "server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1", caKey, c.caCert);
      issue(dir, "client", "/CN=ofn-test-client", "extendedKeyUsage=clientAuth", caKey, c.caCert);
      // mosquitto run as root drops to its own user before it reads the files: let it read them
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (Path f : List.of(c.caCert, c.serverCert, c.serverKey)) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
      }
      return c;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create test certificates: " + e.getMessage(), e);
    }
  }

  /** A TLS client trusting the test CA and presenting the client certificate (RSA, PKCS#8). */
  public SSLSocketFactory clientSocketFactory() {
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(caCert)) {
        trust.setCertificateEntry("ca", x509.generateCertificate(in));
      }
      String pem = Files.readString(clientKey).replaceAll("-----[A-Z ]+-----|\\s", "");
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
      KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
      keys.load(null, null);
      try (InputStream in = Files.newInputStream(clientCert)) {
        keys.setKeyEntry(
            "client", key, new char[0], new Certificate[] {x509.generateCertificate(in)});
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the test TLS client: " + e.getMessage(), e);
    }
  }

  private static void issue(Path dir, String name, String subject, String ext, Path caKey, Path ca)
      throws IOException {
    Path key = dir.resolve(name + "-key.pem");
    Path csr = dir.resolve(name + ".csr");
    Path extFile = dir.resolve(name + ".ext");
    Files.writeString(extFile, ext + "\n");
    openssl(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        subject,
        "-keyout",
        key.toString(),
        "-out",
        csr.toString());
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        ca.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        extFile.toString(),
        "-out",
        dir.resolve(name + ".pem").toString());
  }

  private static void openssl(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Binaries.require("openssl", "openssl").toString());
    cmd.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("openssl " + args[0] + " failed:\n" + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
