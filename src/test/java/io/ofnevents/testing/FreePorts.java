package io.ofnevents.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks TCP ports that are free on the loopback address right now. */
public final class FreePorts {
  private FreePorts() {}

  /**
   * Returns a port that was free a moment ago. Another process may take it before the server binds;
   * {@link ServerProcess#start()} retries once with a new port when that happens.
   */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(ServerProcess.HOST), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pick a free port on " + ServerProcess.HOST, e);
    }
  }
}
