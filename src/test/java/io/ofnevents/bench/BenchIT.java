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
 * `ofn-events bench` from the packaged jar with tiny numbers: it runs to the end and prints the
 * report and a well-formed RESULT line last. No speed is asserted: timing belongs in the report.
 */
class BenchIT {
  private static final String RESULT =
      "RESULT e2e_eps=\\d+ raw_eps=\\d+ ratio=\\d+\\.\\d\\d p50_ms=\\d+\\.\\d\\d p99_ms=\\d+\\.\\d\\d";

  @Test
  void printsTheTableAndTheResultLineLast() throws Exception {
    Path jar = Path.of(System.getProperty("ofn.jar", "target/ofn-events.jar"));
    assertThat(jar).as("run mvn package first").exists();
    Path out = Files.createTempFile("bench-", ".out");
    Path err = Files.createTempFile("bench-", ".err");
    List<String> args = new ArrayList<>(List.of("bench", "--events", "300", "--rounds", "1"));
    args.addAll(List.of("--warmup", "50", "--startup", "3", "--compile", "20"));
    List<String> cmd = ChildJvm.command(ChildJvm.packaged(jar), List.of(), args);
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean finished = p.waitFor(120, TimeUnit.SECONDS);
    if (!finished) p.destroyForcibly().waitFor();
    String report = Files.readString(out);
    String log = Files.readString(err);
    System.out.println(report);
    assertThat(finished).as("bench finished\n" + log).isTrue();
    assertThat(p.exitValue()).as(log).isZero();

    assertThat(report)
        .contains("| path | events/s | p50 ms | p99 ms | max ms |")
        .contains("| " + Report.RAW + " |")
        .contains("| " + Report.E2E + " |")
        .contains("with 3 EventSources + 3 Triggers")
        .contains("compile 20 resources");
    List<String> lines = report.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines.get(lines.size() - 1)).matches(RESULT);
    assertThat(lines.stream().filter(l -> l.startsWith("RESULT"))).hasSize(1);
  }
}
