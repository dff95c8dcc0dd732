package io.ofnevents.cli;

import io.ofnevents.display.EventDisplay;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `display --port N`: an event-display HTTP sink that prints each CloudEvent it receives. */
@Command(
    name = "display",
    mixinStandardHelpOptions = true,
    description = "Serve an HTTP sink that prints every CloudEvent it receives.")
final class DisplayCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8090",
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    try (EventDisplay display = new EventDisplay(port, System.out)) {
      display.start();
      System.out.println(
          "Event display listening on http://localhost:" + display.port() + "/ (Ctrl-C to stop)");
      Signals.onTerminate(stopped::countDown);
      stopped.await();
    }
    return 0;
  }
}
