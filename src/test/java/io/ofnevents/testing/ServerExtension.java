package io.ofnevents.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs a {@link ServerProcess}: for the whole class from a static
 * {@code @RegisterExtension} field, or for each test from an instance field.
 */
public final class ServerExtension<S extends ServerProcess>
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterTestExecutionCallback {
  private final S server;
  // The context that started the server stops it; nested classes inherit a static extension
  // and must not stop their outer class's server.
  private String owner;
  private boolean failed;

  private ServerExtension(S server) {
    this.server = server;
  }

  public static <S extends ServerProcess> ServerExtension<S> of(S server) {
    return new ServerExtension<>(server);
  }

  public static ServerExtension<NatsServer> nats() {
    return of(NatsServer.create());
  }

  public static ServerExtension<RedisServer> redis() {
    return of(RedisServer.create());
  }

  /** A KRaft Kafka broker run from the Kafka jars on the test classpath. */
  public static ServerExtension<KafkaServer> kafka() {
    return of(KafkaServer.create());
  }

  public static ServerExtension<MosquittoServer> mosquitto() {
    return of(MosquittoServer.create());
  }

  public S server() {
    return server;
  }

  public String url() {
    return server.url();
  }

  public int port() {
    return server.port();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startFor(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // Instance fields never see beforeAll. A class-wide server that an earlier test killed
    // comes back on its port and directory, so one fault test cannot fail the rest.
    startFor(context);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    context.getExecutionException().ifPresent(e -> reportFailure(context));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopFor(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // only class-level failures (@BeforeAll, @AfterAll) surface here
    context.getExecutionException().ifPresent(e -> reportFailure(context));
    stopFor(context);
  }

  private synchronized void startFor(ExtensionContext context) {
    if (owner == null) {
      owner = context.getUniqueId();
    }
    if (!server.isRunning()) {
      try {
        server.start();
      } catch (RuntimeException e) {
        failed = true; // the exception carries the log tail; keep the files as well
        throw e;
      }
    }
  }

  private synchronized void stopFor(ExtensionContext context) {
    if (!context.getUniqueId().equals(owner)) {
      return;
    }
    owner = null;
    if (failed) {
      server.stop(); // keep data and log for a post-mortem
      System.err.printf("[harness] %s stopped; its files are kept in %s%n", server, server.dir());
    } else {
      server.close();
    }
  }

  private void reportFailure(ExtensionContext context) {
    failed = true;
    System.err.printf(
        "[harness] %s failed; last %d lines of %s:%n%s%n",
        context.getDisplayName(),
        ServerProcess.DEFAULT_TAIL_LINES,
        server.log().file(),
        server.logTail(ServerProcess.DEFAULT_TAIL_LINES));
  }
}
