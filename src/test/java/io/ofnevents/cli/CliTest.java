package io.ofnevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.testing.FreePorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and messages of the command line (DESIGN §3.1), run in-process. */
class CliTest {
  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void validateAcceptsEveryExampleWithTheAddressesItsReadmeGives() {
    for (java.nio.file.Path set : io.ofnevents.compile.ExampleSets.all()) {
      java.nio.file.Path addresses = set.resolve("addresses");
      Result r =
          java.nio.file.Files.isRegularFile(addresses)
              ? run("validate", set.toString(), "--addresses", addresses.toString())
              : run("validate", set.toString());
      assertThat(r.code()).as(set + ": " + r.err()).isZero();
      assertThat(r.out()).contains("resource(s) valid");
    }
  }

  @Test
  void validateReportsEveryProblemWithFileLineAndFieldAndNoStackTrace() {
    Result r = run("validate", "src/test/resources/cli/trigger-two-problems.yaml");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "src/test/resources/cli/trigger-two-problems.yaml:19: Trigger default/alarm:"
                + " spec.subscribers[0].condition: unknown input \"window\" at column 9 (inputs: door)")
        .contains(
            "src/test/resources/cli/trigger-two-problems.yaml:22: Trigger default/alarm:"
                + " spec.subscribers[0].retries: unknown field \"retries\"")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void theManagementApiTokenIsGivenOnceAndItsFileMustBeReadable(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "t0ken");
    Result twice =
        run(
            "run",
            "examples/quickstart",
            "--management-port",
            "0",
            "--console-token",
            "t0ken",
            "--api-token-file",
            file.toString());
    assertThat(twice.code()).isEqualTo(1);
    assertThat(twice.err())
        .contains("ofn-events run: the management API has one token")
        .contains("not --console-token and --api-token-file")
        .doesNotContain("t0ken\n", "\tat ");
    Result missing =
        run(
            "run",
            "examples/quickstart",
            "--management-port",
            "0",
            "--api-token-file",
            dir.resolve("none").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err())
        .contains("--api-token-file " + dir.resolve("none") + " cannot be read");
    Files.writeString(file, " \n");
    Result empty =
        run(
            "run",
            "examples/quickstart",
            "--management-port",
            "0",
            "--api-token-file",
            file.toString());
    assertThat(empty.code()).isEqualTo(1);
    assertThat(empty.err()).contains("is empty");
  }

  @Test
  void parkedNeedsARuntimeOrTheResourceFilesAndSaysSo() {
    Result none = run("parked", "list");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains("give --runtime-url URL or -f PATH");
    Result both = run("parked", "drop", "default/t/1", "--runtime-url", "http://x", "-f", "a.yaml");
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err()).contains("not both");
    Result unreachable =
        run("parked", "list", "--runtime-url", "http://127.0.0.1:" + FreePorts.pick() + "/");
    assertThat(unreachable.code()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach").doesNotContain("\tat ");
  }

  @Test
  void missingPathsAreReported() {
    Result r = run("validate", "no/such/dir");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no/such/dir: no such file or directory");
  }

  @Test
  void compileWritesRoutesPropertiesAndUsedKamelets(@TempDir Path out) throws IOException {
    Result r = run("compile", "examples/quickstart", "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(out.resolve("routes/eventsource-default-clock.camel.yaml"))
        .hasSameTextualContentAs(Path.of("routes/quickstart/eventsource-default-clock.camel.yaml"));
    assertThat(out.resolve("application.properties"))
        .content()
        .contains("camel.component.kamelet.location");
    assertThat(out.resolve("kamelets/ofn-cron-source.kamelet.yaml")).exists();
    assertThat(out.resolve("kamelets/ofn-nats-sink.kamelet.yaml")).doesNotExist();
  }

  @Test
  void compileRemovesRouteFilesThatAreNoLongerGenerated(@TempDir Path out) throws IOException {
    Files.createDirectories(out.resolve("routes"));
    Files.writeString(out.resolve("routes/trigger-default-gone.camel.yaml"), "- route: {}\n");
    assertThat(run("compile", "examples/quickstart", "-o", out.toString()).code()).isZero();
    assertThat(out.resolve("routes/trigger-default-gone.camel.yaml")).doesNotExist();
  }

  @Test
  void compileAndRunRefuseInvalidInputWithExitCodeOne(@TempDir Path out) {
    String bad = "src/test/resources/invalid/cel-unknown-input.yaml";
    assertThat(run("compile", bad, "-o", out.toString()).code()).isEqualTo(1);
    Result r = run("run", bad, "--management-port", "0");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("unknown input \"eventC\"").doesNotContain("Apache Camel");
  }

  @Test
  void runRefusesAManagementPortInUseBeforeAnyRouteStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      String port = String.valueOf(taken.getLocalPort());
      Result r = run("run", "examples/quickstart", "--management-port", port);
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err())
          .contains("ofn-events run: cannot start: cannot serve the management port " + port)
          .doesNotContain("\tat ");
    }
  }

  @Test
  void runWarnsThatAScaleOptionHasNoEffectStandalone() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      // The taken port stops the run before any route starts; the warning comes before.
      String file = "src/test/resources/cli/kafka-scale-option.yaml";
      Result r = run("run", file, "--management-port", String.valueOf(taken.getLocalPort()));
      assertThat(r.err())
          .contains(
              file
                  + ":14: EventSource default/orders: spec.kafka.placed.scaleOption: warning: has no"
                  + " effect with run: KEDA scaling is applied by the operator (Camel K mode)");
    }
  }

  @Test
  void versionIsPrinted() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("ofn-events ").contains("Apache Camel 4.17.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "validate", "compile", "display"})
  void everyCommandHasHelp(String command) {
    Result r = run(command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: ofn-events " + command);
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    Result r = run("validate", "--frobnicate", "examples");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--frobnicate'");
  }
}
