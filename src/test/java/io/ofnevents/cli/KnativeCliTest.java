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
    assertThat(with.out()).contains("3 resource(s) valid");
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
  void compileWritesTheRoutesOfTheBrokerAndTheTriggerWithTheAddressGiven(@TempDir Path out)
      throws IOException {
    Result r =
        run(
            "compile",
            SEED_003,
            "--address",
            "Service/event-display=http://127.0.0.1:9000",
            "-o",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("not supported").doesNotContain("Exception");
    assertThat(Files.readString(out.resolve("routes/kn-broker-default-default.camel.yaml")))
        .contains("uri: platform-http:/default/default", "topic: kn.default.default");
    assertThat(
            Files.readString(
                out.resolve("routes/kn-trigger-default-testevents-trigger.camel.yaml")))
        .contains(
            "url: http://127.0.0.1:9000",
            "replies: event",
            "consumer: default-kn-trigger-testevents-trigger");
  }

  @Test
  void runRefusesAnIngressPortThatIsNotAPort() {
    Result r =
        run(
            "run",
            SEED_003,
            "--address",
            "Service/event-display=http://127.0.0.1:9000",
            "--ingress-port",
            "70000");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("--ingress-port 70000 is not a port (0 = off)");
  }

  @Test
  void exportWritesIntegrationsOfTheKnativeKindsAndResolvesAServiceByItsClusterDnsName(
      @TempDir Path out) throws IOException {
    Result r = run("export", SEED_003, "-o", out.toString());
    assertThat(r.err()).doesNotContain("cannot resolve").doesNotContain("not supported");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(
            Files.readString(
                out.resolve("default/10-integration-kn-trigger-testevents-trigger.yaml")))
        .contains("url: http://event-display.default.svc.cluster.local");
    assertThat(out.resolve("default/10-integration-kn-broker-default.yaml")).exists();
  }

  /**
   * Seed 004's Sequence exported: one Integration of the flow (ingress and step routes) whose steps
   * resolve by the cluster's DNS names, and the in-memory bus warned about (no EventBus default).
   */
  @Test
  void exportWritesASequencesIntegrationAndWarnsAboutItsInMemoryBus(@TempDir Path out)
      throws IOException {
    Result r = run("export", "examples/knative/sequence", "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String integration =
        Files.readString(out.resolve("default/10-integration-kn-sequence-sequence.yaml"));
    assertThat(integration)
        .contains("platform-http:/default/sequences/sequence")
        .contains("http://second.default.svc.cluster.local");
    assertThat(r.err())
        .contains("Sequence.flows.knative.dev default/sequence")
        .contains("the bus it uses is in-memory")
        .doesNotContain("spec.config");
  }
}
