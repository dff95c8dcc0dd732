package io.ofnevents.cli;

import io.ofnevents.display.DisplayFormat;
import io.ofnevents.display.EventDisplay;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `display --port N`: an event-display HTTP sink that prints each CloudEvent it receives. */
@Command(
    name = "display",
    mixinStandardHelpOptions = true,
    description =
        "Serve an HTTP sink that prints every CloudEvent it receives, as Knative's event_display.")
final class DisplayCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8090",
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--format",
      defaultValue = "knative",
      description =
          "knative: exactly Knative's event_display; ofn: the request on the first line, attributes"
              + " sorted, always a Data section (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    DisplayFormat f;
    try {
      f = DisplayFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("ofn-events display: --format must be knative or ofn, not " + format);
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (EventDisplay display = new EventDisplay(port, System.out, f)) {
      display.start();
      System.out.println(
          "Event display listening on http://localhost:" + display.port() + "/ (Ctrl-C to stop)");
      Signals.onTerminate(stopped::countDown);
      stopped.await();
    }
    return 0;
  }
}
