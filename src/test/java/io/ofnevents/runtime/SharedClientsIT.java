package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.component.http.HttpEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one runtime's resources share instead of having each their own (the cost per resource of
 * issue 14): one connection pool for every HTTP sink, one NATS connection for every Trigger's
 * condition state, no thread per JetStream consumer, one Redisson client for the Redis sources on
 * the same server; and every event still arrives, once.
 */
class SharedClientsIT {
  @RegisterExtension
  static final ServerExtension<NatsServer> nats =
      ServerExtension.of(NatsServer.builder().monitoring().build());

  @RegisterExtension static final ServerExtension<RedisServer> redis = ServerExtension.redis();

  static final int TRIGGERS = 20;
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Pattern REDISSON_GROUP = Pattern.compile("redisson-netty-(\\d+)-\\d+");

  @Test
  void triggersShareOnePoolOneStateConnectionAndTheBusThreads() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url());
        TestRuntime rt = TestRuntime.start(triggers(sink))) {
      // idle consumers hold no thread: a timer and up to 8 set-up threads serve them all
      List<String> threads =
          Thread.getAllStackTraces().keySet().stream()
              .map(Thread::getName)
              .filter(n -> n.startsWith("ofn-jetstream-"))
              .toList();
      assertThat(threads)
          .as("JetStream threads of %d idle consumers", TRIGGERS)
          .hasSizeLessThan(10);

      List<String> sent = new ArrayList<>();
      for (int i = 0; i < TRIGGERS; i++) {
        String id = "e-" + i;
        PlainNats.publish(nc, "default-src-" + i + "-tick", PlainNats.event(id), id.getBytes());
        sent.add(id);
      }
      await().atMost(WAIT).until(() -> delivered(sink).size() >= TRIGGERS);
      assertThat(delivered(sink)).containsExactlyInAnyOrderElementsOf(sent);

      Set<Object> pools =
          rt.runtime().context().getEndpoints().stream()
              .filter(e -> e instanceof HttpEndpoint)
              .map(e -> (Object) ((HttpEndpoint) e).getClientConnectionManager())
              .collect(Collectors.toSet());
      assertThat(pools).as("connection pools of %d HTTP sinks", TRIGGERS).hasSize(1);

      List<String> names = connectionNames();
      assertThat(names.stream().filter(n -> n.startsWith("ofn-events state")))
          .as("condition-state connections of %d Triggers", TRIGGERS)
          .hasSize(1);
    }
  }

  @Test
  void redisSourcesOnOneServerShareOneClient() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        TestRuntime rt = TestRuntime.start(redisSources(sink, "a", "b", "c"))) {
      Set<String> groups =
          Thread.getAllStackTraces().keySet().stream()
              .map(t -> REDISSON_GROUP.matcher(t.getName()))
              .filter(Matcher::matches)
              .map(m -> m.group(1))
              .collect(Collectors.toSet());
      assertThat(groups).as("Redisson clients (netty event loop groups) of 3 sources").hasSize(1);
    }
  }

  private static List<String> delivered(RecordingSink sink) {
    return sink.requests().stream()
        .filter(r -> r.status() / 100 == 2)
        .map(r -> r.header("ce-id"))
        .toList();
  }

  private static List<String> connectionNames() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(nats.server().monitorUrl() + "/connz?limit=1000"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    List<String> names = new ArrayList<>();
    for (JsonNode c : new ObjectMapper().readTree(r.body()).path("connections")) {
      names.add(c.path("name").asText());
    }
    return names;
  }

  private static String triggers(RecordingSink sink) {
    StringBuilder y =
        new StringBuilder(
            """
            apiVersion: events.openfunction.io/v1alpha1
            kind: EventBus
            metadata: {name: default}
            spec:
              nats: {url: "%s"}
            """
                .formatted(nats.url()));
    for (int i = 0; i < TRIGGERS; i++) {
      y.append(
          """
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: t-%1$d}
          spec:
            eventBus: default
            conditionState: {store: nats}
            inputs:
              tick: {eventSource: src-%1$d, event: tick}
            subscribers:
              - condition: tick
                sink: {uri: "%2$s"}
          """
              .formatted(i, sink.url("/t-" + i)));
    }
    return y.toString();
  }

  private static String redisSources(RecordingSink sink, String... streams) {
    StringBuilder y = new StringBuilder();
    for (String s : streams) {
      y.append(
          """
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: %1$s}
          spec:
            sink: {uri: "%2$s"}
            redis:
              %1$s:
                redisHost: "127.0.0.1:%3$d"
                stream: %1$s
          """
              .formatted(s, sink.url("/" + s), redis.port()));
    }
    return y.toString();
  }
}
