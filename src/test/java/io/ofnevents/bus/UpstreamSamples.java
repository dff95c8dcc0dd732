package io.ofnevents.bus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The upstream doc samples from `examples/upstream/`, rewritten only where this machine differs:
 * the NATS URL points at the test server, the sink host at the recording sink, and each Kafka event
 * becomes a cron event of the same name (Kafka sources are tested with the sources).
 */
final class UpstreamSamples {
  static final String UPSTREAM_NATS = "nats://nats.default:4222";
  static final String UPSTREAM_SINK_HOST = "http://openfunction.io.svc.cluster.local";
  private static final Pattern KAFKA_EVENT =
      Pattern.compile("(?m)^  kafka:\\n    ([\\w.-]+):\\n(?:      .*\\n?)*");

  private UpstreamSamples() {}

  static String read(String sample, String file, String natsUrl, String sinkBase) {
    Path path = Path.of("examples", "upstream", sample, file);
    try {
      String text = Files.readString(path);
      text =
          text.replace(UPSTREAM_NATS, natsUrl)
              .replace(UPSTREAM_SINK_HOST, sinkBase)
              .replace("@every 5s", "@every 1s");
      return KAFKA_EVENT
          .matcher(text)
          .replaceAll("  cron:\n    $1:\n      schedule: \"@every 1s\"\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
