package io.ofnevents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.cli.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `ofn-events bench` from the packaged jar with tiny numbers: it runs to the end (every path, the
 * drains, the Knative Trigger's drain, the Kafka source half, the start-up probes, OpenFunction and
 * Knative) and prints the report and a well-formed RESULT line last. No speed is asserted: timing
 * belongs in the report.
 */
class BenchIT {
  private static final String RESULT =
      "RESULT e2e_eps=\\d+ raw_eps=\\d+ ratio=\\d+\\.\\d\\d p50_ms=\\d+\\.\\d\\d p99_ms=\\d+\\.\\d\\d"
          + " drain_eps=\\d+ drain_raw_eps=\\d+ drain_ratio=\\d+\\.\\d\\d source_eps=\\d+"
          + " source_raw_eps=\\d+ kn_drain_eps=\\d+ kn_drain_raw_eps=\\d+ kn_drain_ratio=\\d+\\.\\d\\d";

  @Test
  void printsTheTableAndTheResultLineLast() throws Exception {
    Path jar = Path.of(System.getProperty("ofn.jar", "target/ofn-events.jar"));
    assertThat(jar).as("run mvn package first").exists();
    Path out = Files.createTempFile("bench-", ".out");
    Path err = Files.createTempFile("bench-", ".err");
    List<String> args = new ArrayList<>(List.of("bench", "--events", "300", "--rounds", "1"));
    args.addAll(List.of("--warmup", "50", "--startup", "3", "--compile", "20"));
    args.addAll(List.of("--drain", "500", "--source-events", "200", "--knative"));
    List<String> cmd = ChildJvm.command(ChildJvm.packaged(jar), List.of(), args);
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean finished = p.waitFor(420, TimeUnit.SECONDS);
    if (!finished) p.destroyForcibly().waitFor();
    String report = Files.readString(out);
    String log = Files.readString(err);
    Files.delete(out);
    Files.delete(err);
    System.out.println(report);
    assertThat(finished).as("bench finished\n" + log).isTrue();
    assertThat(p.exitValue()).as(log).isZero();

    assertThat(report)
        .contains("| path | saturated events/s | drain events/s | p50 ms | p99 ms | max ms |")
        .contains("| " + Report.STRONG + " |")
        .contains("| " + Report.RAW + " |")
        .contains("| " + Report.E2E + " |")
        .contains("| " + Report.KNATIVE + " |")
        .contains("| one Broker + Knative Triggers on JetStream (same flags) |")
        .containsPattern("The sink alone \\(Vert.x, 2 event loops\\) takes \\d+ events/s")
        .contains("| 1 + 1 |")
        .contains("| 3 + 3 |")
        .contains("| bin/jvm.options + AppCDS archive |")
        .contains("compile 20 resources")
        .contains("| backlog drain e2e ≥ 10,000 events/s |")
        .containsPattern("load average [0-9.]+ [0-9.]+ [0-9.]+ at the start");
    // the build writes the broker's class path, so the source half runs here, as in CI
    assertThat(report).contains("| e2e: Kafka EventSource (ofn-kafka-source → ofn-bus) |");
    List<String> lines = report.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines.get(lines.size() - 1)).matches(RESULT);
    assertThat(lines.stream().filter(l -> l.startsWith("RESULT"))).hasSize(1);
  }
}
