package io.ofnevents.cli;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful stop instead of JVM shutdown, so a drained, clean stop
 * exits with 0 (the JVM's own handling exits with 143). A second signal exits at once.
 */
final class Signals {
  private Signals() {}

  static void onTerminate(Runnable stop) {
    Runnable once =
        new Runnable() {
          private volatile boolean stopping;

          @Override
          public synchronized void run() {
            if (stopping) Runtime.getRuntime().halt(130);
            stopping = true;
            new Thread(stop, "ofn-stop").start();
          }
        };
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), s -> once.run());
      } catch (IllegalArgumentException unsupported) {
        // Not on this platform: the JVM's default handling (shutdown hooks) still drains.
      }
    }
  }
}
