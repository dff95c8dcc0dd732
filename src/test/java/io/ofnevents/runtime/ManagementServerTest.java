package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The management server leaves nothing behind when it stops. */
class ManagementServerTest {
  static final String THREAD = "ofn-management";

  /**
   * The in-process operator builds a runtime, and so a management server, per change: each stop
   * must end the server's request thread, or threads grow with the number of changes.
   */
  @Test
  void stoppingEndsItsRequestThread() throws Exception {
    long before = threads();
    HttpClient http = HttpClient.newHttpClient();
    for (int change = 0; change < 5; change++) {
      ManagementServer server =
          new ManagementServer(() -> null, ManagementServer.EPHEMERAL, ApiToken.none());
      server.start();
      // the request thread is made for the first request
      HttpResponse<String> live =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/health/live"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(live.body()).contains("camel: booting");
      server.stop();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> threads() <= before);
  }

  private static long threads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals(THREAD))
        .count();
  }
}
