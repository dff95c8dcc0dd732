package io.ofnevents.testing;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The upstream samples under `examples/upstream/`, made runnable here: the Kafka address becomes
 * the test broker, the sink host the recording sink, and the NATS Streaming bus the in-memory bus
 * (until the NATS JetStream bus is on this branch). Nothing else changes unless a test says so.
 */
public final class Samples {
  public static final String UPSTREAM_BROKERS =
      "kafka-server-kafka-brokers.default.svc.cluster.local:9092";
  public static final String UPSTREAM_SINK_HOST = "http://openfunction.io.svc.cluster.local";
  private static final Pattern NATS_STREAMING_BLOCK =
      Pattern.compile("(?m)^  natsStreaming:\\n(?:    .*\\n?)*");

  private Samples() {}

  public static Path dir(String name) {
    return Path.of("examples", "upstream", name);
  }

  /** Rewrites a sample for this machine; `sinkBase` is e.g. `http://127.0.0.1:PORT`. */
  public static UnaryOperator<String> local(String brokers, String sinkBase, String topic) {
    return text ->
        NATS_STREAMING_BLOCK
            .matcher(
                text.replace(UPSTREAM_BROKERS, brokers)
                    .replace(UPSTREAM_SINK_HOST, sinkBase)
                    .replace("\"events-sample\"", "\"" + topic + "\""))
            .replaceAll("  inMemory: {}\n");
  }
}
