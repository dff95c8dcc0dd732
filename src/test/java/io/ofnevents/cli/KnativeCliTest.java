package io.ofnevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Knative kinds on the command line: `--address`, `--addresses`, and what compile says. */
class KnativeCliTest {
  static final String SEED_003 = "src/test/resources/knative/seeds/003";

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void seed003ValidatesOnceItsServiceHasAnAddress() {
    Result without = run("validate", SEED_003);
    assertThat(without.code()).isEqualTo(1);
    assertThat(without.err())
        .contains(
            "trigger.yaml:8: Trigger.eventing.knative.dev default/testevents-trigger:"
                + " spec.subscriber.ref: cannot resolve serving.knative.dev/v1alpha1 Service"
                + " default/event-display without a cluster: give its URL with --address"
                + " Service/default/event-display=URL (or --addresses FILE), or deploy with the"
                + " operator");
    Result with =
        run("validate", SEED_003, "--address", "Service/event-display=http://127.0.0.1:9000");
    assertThat(with.code()).as(with.err()).isZero();
    assertThat(with.err())
        .contains("warning: serving.knative.dev/v1alpha1 is read as serving.knative.dev/v1");
    assertThat(with.out()).contains("2 resource(s) valid");
  }

  @Test
  void addressesFileServesTheSameEntries(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("addresses.yaml");
    Files.writeString(file, "Service/default/event-display: http://127.0.0.1:9000\n");
    assertThat(run("validate", SEED_003, "--addresses", file.toString()).code()).isZero();
    Files.writeString(file, "Service/event-display: not-a-url\n");
    Result bad = run("validate", SEED_003, "--addresses", file.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err())
        .contains(
            "addresses.yaml:1: Service/event-display: \"not-a-url\" is not an http or https URL with a host");
  }

  @Test
  void aBadAddressFlagIsOneLineAndExitOne() {
    Result r = run("validate", SEED_003, "--address", "Service/event-display");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo("--address Service/event-display: expected KIND/[NAMESPACE/]NAME=URL");
  }

  @Test
  void compileAndRunSayThatRunningKnativeKindsIsNotSupportedYet(@TempDir Path out) {
    for (String command : new String[] {"compile", "run"}) {
      Result r =
          command.equals("compile")
              ? run(
                  command,
                  SEED_003,
                  "--address",
                  "Service/event-display=http://127.0.0.1:9000",
                  "-o",
                  out.toString())
              : run(
                  command,
                  SEED_003,
                  "--address",
                  "Service/event-display=http://127.0.0.1:9000",
                  "--management-port",
                  "0");
      assertThat(r.code()).as(command).isEqualTo(1);
      assertThat(r.err())
          .as(command)
          .contains(
              "broker.yaml:2: Broker.eventing.knative.dev default/default: kind: running Knative"
                  + " kinds is not supported yet")
          .doesNotContain("Exception");
    }
  }

  @Test
  void exportResolvesAServiceByItsClusterDnsName(@TempDir Path out) {
    // export still stops at the Knative kinds, but their refs no longer need --address
    Result r = run("export", SEED_003, "-o", out.toString());
    assertThat(r.err()).doesNotContain("cannot resolve").contains("not supported yet");
  }
}
