package io.ofnevents.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.model.validate.Validator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The natsStreaming → JetStream mapping and our `nats` bus, as parameters of generated routes. */
class NatsBusCompileTest {
  private static final String TRIGGER =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata: {name: my-trigger}
      spec:
        eventBus: default
        inputs:
          inputDemo: {eventSource: my-eventsource, event: sample-two}
        subscribers:
          - {condition: inputDemo, topic: metrics}
      """;

  @Test
  void upstreamNatsStreamingNeedsOnlyServersSubjectConsumerAndType() {
    Map<String, Object> source = inputEndpoint(streamingBus(""));
    assertThat(source)
        .containsEntry("uri", "kamelet:ofn-nats-source")
        .extracting("parameters")
        .isEqualTo(
            Map.of(
                "servers", "nats://nats.default:4222",
                "subject", "default-my-eventsource-sample-two",
                "consumer", "ImDurable-default-ebft-my-trigger",
                "subscriptionType", "queue",
                "trigger", "default/my-trigger",
                "parkedSubject", "default-ebft-my-trigger-parked",
                "maxDeliveries", 10));
    assertThat(publishEndpoint(streamingBus("")))
        .containsEntry("uri", "kamelet:ofn-nats-sink")
        .extracting("parameters")
        .isEqualTo(
            Map.of(
                "servers", "nats://nats.default:4222",
                "subject", "metrics",
                "dedupScope", "t-default-my-trigger-0"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ackWaitTime: 45s | ackWait=PT45S",
        "maxInFlight: 10 | maxAckPending=10",
        "deliverNew: true | ",
        "deliverAll: true | deliverPolicy=all",
        "startWithLastReceived: true | deliverPolicy=last",
        "startAtSequence: 5 | deliverPolicy=byStartSequence,startSequence=5",
        "startAtTimeDelta: 10m | deliverPolicy=byStartTime,startTimeDelta=PT10M",
        "startAtTime: '2024-03-05T06:07:08+01:00' | deliverPolicy=byStartTime,startTime=2024-03-05T05:07:08Z",
        "{startAtTime: '05.03.2024 06:07', startAtTimeFormat: '02.01.2006 15:04'} |"
            + " deliverPolicy=byStartTime,startTime=2024-03-05T06:07:00Z",
      })
  void mapsEachNatsStreamingFieldOntoJetStream(String field, String expected) {
    Map<String, Object> params = parameters(inputEndpoint(streamingBus(flow(field))));
    Map<String, Object> extra = new java.util.TreeMap<>(params);
    List.of(
            "servers",
            "subject",
            "consumer",
            "subscriptionType",
            "trigger",
            "parkedSubject",
            "maxDeliveries")
        .forEach(extra::remove);
    assertThat(extra).isEqualTo(expectedMap(expected));
  }

  @Test
  void topicSubscriptionsAreMarkedForOneDurablePerReplica() {
    String bus = streamingBus("").replace("\"queue\"", "\"topic\"");
    assertThat(parameters(inputEndpoint(bus))).containsEntry("subscriptionType", "topic");
  }

  @Test
  void ourNatsBusCarriesStreamSettingsEverywhereAndConsumerSettingsOnConsumers() {
    String bus =
        natsBus(
            """
                jetstream:
                  stream: EVENTS
                  storage: memory
                  replicas: 3
                  maxAge: 72h
                  duplicateWindow: 5m
                  ackWait: 10s
                  maxDeliver: 7
                  maxAckPending: 50
            """);
    Map<String, Object> streamSettings =
        Map.of(
            "stream", "EVENTS",
            "storage", "memory",
            "replicas", 3,
            "maxAge", "PT72H",
            "duplicateWindow", "PT5M");
    assertThat(parameters(publishEndpoint(bus))).containsAllEntriesOf(streamSettings);
    assertThat(parameters(publishEndpoint(bus))).doesNotContainKeys("ackWait", "maxDeliver");
    assertThat(parameters(inputEndpoint(bus)))
        .containsAllEntriesOf(streamSettings)
        .containsEntry("ackWait", "PT10S")
        .containsEntry("maxDeliver", 7)
        .containsEntry("maxAckPending", 50)
        .containsEntry("consumer", "default-ebft-my-trigger");
  }

  @Test
  void aTriggersConcurrencyGoesToItsConsumersOnly() {
    String trigger =
        TRIGGER.replace("  eventBus: default\n", "  eventBus: default\n  concurrency: 8\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> input =
        (Map<String, Object>) route(compile(natsBus(""), trigger), 0).get("from");
    assertThat(parameters(input)).containsEntry("concurrency", 8);
    assertThat(parameters(publishEndpoint(natsBus("")))).doesNotContainKey("concurrency");
    assertThat(parameters(inputEndpoint(natsBus("")))).doesNotContainKey("concurrency");
  }

  @Test
  void coreModeIsPassedToEveryEndpoint() {
    String bus = natsBus("    mode: core\n");
    assertThat(parameters(inputEndpoint(bus))).containsEntry("mode", "core");
    assertThat(parameters(publishEndpoint(bus))).containsEntry("mode", "core");
  }

  @Test
  void secretsAreWrittenAsPlaceholdersAndACredsFileByPath() {
    String tokenBus = natsBus("    auth: {token: '${env:NATS_TOKEN}'}\n");
    assertThat(parameters(inputEndpoint(tokenBus)))
        .containsEntry("token", "RAW({{env:NATS_TOKEN}})");
    String userBus =
        natsBus(
            "    auth:\n      user: '${env:NATS_USER}'\n"
                + "      password: {secretKeyRef: {name: nats, key: password}}\n");
    assertThat(parameters(publishEndpoint(userBus)))
        .containsEntry("user", "RAW({{env:NATS_USER}})")
        .containsEntry("password", "RAW({{secret:nats/password}})");
    String credsBus = natsBus("    auth: {credentials: '${file:/etc/nats/user.creds}'}\n");
    assertThat(parameters(inputEndpoint(credsBus)))
        .containsEntry("credentialsFile", "/etc/nats/user.creds")
        .doesNotContainKey("userCredentials");
    String tlsBus =
        natsBus("    tls: {caFile: /tls/ca.pem, certFile: /tls/c.pem, keyFile: /tls/k.pem}\n");
    assertThat(parameters(inputEndpoint(tlsBus)))
        .containsEntry("tlsCaFile", "/tls/ca.pem")
        .containsEntry("tlsCertFile", "/tls/c.pem")
        .containsEntry("tlsKeyFile", "/tls/k.pem");
  }

  @Test
  void theNatsStateStoreGetsTheBusConnection() {
    String trigger =
        TRIGGER.replace(
            "  eventBus: default\n", "  eventBus: default\n  conditionState: {store: nats}\n");
    Map<String, Object> state =
        step(compile(natsBus("    auth: {token: '${env:T}'}\n"), trigger), 1, 1);
    assertThat(state).containsEntry("uri", "ofn-trigger:default/my-trigger");
    assertThat(parameters(state))
        .containsEntry("store", "nats")
        .containsEntry("servers", "nats://127.0.0.1:4222")
        .containsEntry("token", "RAW({{env:T}})");
  }

  // --- helpers ---

  private static String streamingBus(String extra) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          natsStreaming:
            natsURL: "nats://nats.default:4222"
            natsStreamingClusterID: "stan"
            subscriptionType: "queue"
            durableSubscriptionName: "ImDurable"
        """
        + extra;
  }

  /** `key: value` or `{k: v, k2: v2}` as lines under natsStreaming. */
  private static String flow(String field) {
    String f = field.trim();
    if (f.startsWith("{")) f = f.substring(1, f.length() - 1).replace(", ", "\n");
    StringBuilder sb = new StringBuilder();
    for (String line : f.split("\n")) sb.append("    ").append(line.trim()).append('\n');
    return sb.toString();
  }

  private static String natsBus(String extra) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats:
            url: nats://127.0.0.1:4222
        """
        + extra;
  }

  private static Map<String, Object> expectedMap(String spec) {
    Map<String, Object> m = new java.util.TreeMap<>();
    if (spec == null || spec.isBlank()) return m;
    for (String kv : spec.split(",")) {
      String[] p = kv.split("=", 2);
      m.put(p[0], p[1].matches("\\d+") ? (Object) Integer.valueOf(p[1]) : p[1]);
    }
    return m;
  }

  private static Map<String, Object> inputEndpoint(String bus) {
    Map<String, Object> route = route(compile(bus, TRIGGER), 0);
    @SuppressWarnings("unchecked")
    Map<String, Object> from = (Map<String, Object>) route.get("from");
    return from;
  }

  /** The subscriber's topic, the first step of its delivery route (after the condition route). */
  private static Map<String, Object> publishEndpoint(String bus) {
    return step(compile(bus, TRIGGER), 2, 0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> step(List<Object> routes, int route, int index) {
    Map<String, Object> from = (Map<String, Object>) route(routes, route).get("from");
    Map<String, Object> step = (Map<String, Object>) ((List<?>) from.get("steps")).get(index);
    return step.containsKey("to") ? (Map<String, Object>) step.get("to") : step;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> route(List<Object> routes, int i) {
    return (Map<String, Object>) ((Map<String, Object>) routes.get(i)).get("route");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parameters(Map<String, Object> endpoint) {
    return (Map<String, Object>) endpoint.get("parameters");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> compile(String bus, String trigger) {
    LoadResult loaded =
        LoadResult.merge(
            List.of(
                YamlLoader.load("bus.yaml", bus, "default"),
                YamlLoader.load("trigger.yaml", trigger, "default")));
    List<Problem> problems = new java.util.ArrayList<>(loaded.problems());
    problems.addAll(Validator.validate(loaded.resources()));
    assertThat(problems.stream().filter(Problem::isError).map(Problem::format)).isEmpty();
    Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone("test"));
    assertThat(bundle.problems()).isEmpty();
    String yaml = bundle.routes().get(0).yaml();
    return (List<Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }
}
