package io.ofnevents.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits until a just-launched server logs its ready line and accepts TCP connections. */
final class StartupProbe {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String binary;
  private final Process process;
  private final int port;
  private final Pattern readyLine;
  private final ServerLog log;
  private final long logOffset;

  StartupProbe(
      String binary, Process process, int port, Pattern readyLine, ServerLog log, long logOffset) {
    this.binary = binary;
    this.process = process;
    this.port = port;
    this.readyLine = readyLine;
    this.log = log;
    this.logOffset = logOffset;
  }

  /**
   * Returns once the server is ready; otherwise kills it and throws with the log tail, as a {@link
   * PortInUseException} when it could not bind its port.
   */
  void await() {
    try {
      Awaitility.await()
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(10))
          .atMost(TIMEOUT)
          .until(() -> !process.isAlive() || isReady());
    } catch (ConditionTimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException(failure("was not ready within " + TIMEOUT));
    }
    if (!process.isAlive()) {
      String message = failure("exited with code " + process.exitValue() + " before it was ready");
      boolean portTaken =
          log.since(logOffset).toLowerCase(Locale.ROOT).contains("address already in use");
      throw portTaken ? new PortInUseException(message) : new IllegalStateException(message);
    }
  }

  private boolean isReady() {
    // the log line tells our server apart from a stranger that took the port meanwhile
    return readyLine.matcher(log.since(logOffset)).find() && acceptsConnections();
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(ServerProcess.HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String failure(String what) {
    return String.format(
        "%s on port %d %s; last %d lines of %s:%n%s",
        binary,
        port,
        what,
        ServerProcess.DEFAULT_TAIL_LINES,
        log.file(),
        log.tail(ServerProcess.DEFAULT_TAIL_LINES));
  }

  /** The server could not bind its port; a fresh start retries with another one. */
  static final class PortInUseException extends IllegalStateException {
    PortInUseException(String message) {
      super(message);
    }
  }
}
