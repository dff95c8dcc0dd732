package io.ofnevents.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of NATS buses: each problem on its line and field, every problem at once. */
class BusRulesTest {

  private static List<String> problems(String spec) {
    String yaml =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
        """
            + spec;
    LoadResult loaded = YamlLoader.load("bus.yaml", yaml, "default");
    assertThat(loaded.problems()).isEmpty();
    return Validator.validate(loaded.resources()).stream().map(p -> p.format()).toList();
  }

  @Test
  void upstreamNatsStreamingIsValidAndTheClusterIdReportedOnceAsUnused() {
    List<String> problems =
        problems(
            """
              natsStreaming:
                natsURL: "nats://nats.default:4222"
                natsStreamingClusterID: "stan"
                subscriptionType: "queue"
                durableSubscriptionName: "ImDurable"
            """);
    assertThat(problems)
        .containsExactly(
            "bus.yaml:7: EventBus default/default: spec.natsStreaming.natsStreamingClusterID:"
                + " warning: accepted but has no effect: NATS Streaming cluster ids have no"
                + " JetStream equivalent");
  }

  @Test
  void startPositionsAreCheckedWithTheirGoLayout() {
    String base =
        """
          natsStreaming:
            natsURL: "nats://nats.default:4222"
            natsStreamingClusterID: "stan"
            subscriptionType: "queue"
            durableSubscriptionName: "ImDurable"
        """;
    assertThat(problems(base + "    startAtTime: '2024-03-05 06:07'\n"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "bus.yaml:10: EventBus default/default: spec.natsStreaming.startAtTime:")
                    .contains("does not match the Go layout \"2006-01-02T15:04:05Z07:00\"")
                    .contains("set startAtTimeFormat"));
    assertThat(
            problems(
                base
                    + "    startAtTime: '2024-03-05 06:07'\n"
                    + "    startAtTimeFormat: '2006-01-02 15:04'\n"))
        .noneMatch(p -> p.contains("startAtTime:"));
    assertThat(problems(base + "    startAtSequence: 0\n"))
        .anyMatch(p -> p.contains("spec.natsStreaming.startAtSequence: must be at least 1"));
  }

  @Test
  void natsBusProblemsAreAllReportedWithTheirFields() {
    List<String> problems =
        problems(
            """
              nats:
                url: nats://127.0.0.1:4222
                jetstream:
                  maxAge: 1m
                  duplicateWindow: 2m
                auth:
                  token: plain-text
                tls:
                  certFile: /tls/client.pem
                  insecureSkipVerify: true
            """);
    assertThat(problems)
        .anyMatch(
            p -> p.contains("spec.nats.jetstream.duplicateWindow: must not be longer than maxAge"))
        .anyMatch(p -> p.contains("spec.nats.auth.token: secrets must be given by reference"))
        .anyMatch(p -> p.contains("spec.nats.tls.keyFile: required with certFile"))
        .anyMatch(p -> p.contains("spec.nats.tls.insecureSkipVerify: warning: "))
        .noneMatch(p -> p.contains("plain-text"));
  }

  @Test
  void credentialsInTheUrlAreWarnedAboutWithoutRepeatingThem() {
    assertThat(problems("  nats: {url: 'nats://ofn:s3cret@nats:4222'}\n"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .contains("spec.nats.url: warning: carries credentials")
                    .doesNotContain("s3cret"));
  }

  @Test
  void coreModeRefusesJetStreamSettings() {
    assertThat(
            problems(
                """
                  nats:
                    url: nats://127.0.0.1:4222
                    mode: core
                    jetstream: {ackWait: 5s}
                """))
        .anyMatch(p -> p.contains("spec.nats.jetstream: has no effect with mode: core"));
  }
}
