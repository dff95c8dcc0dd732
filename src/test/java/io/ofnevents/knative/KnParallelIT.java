package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.StepServices;
import io.ofnevents.testing.Yamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Parallels on the standalone runtime with real HTTP services: Knative's conformance item 16 (a
 * filter that passes and one that does not: one output; both passing: both outputs, the original id
 * kept), seed 004's odd/even Parallel as written (ticking every second, the filters on the second's
 * parity), and branches without a filter and with a reply of their own.
 */
class KnParallelIT {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String parallel(String svc, String filter1) {
    return """
        apiVersion: flows.knative.dev/v1
        kind: Parallel
        metadata: {name: par}
        spec:
          channelTemplate: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel}
          branches:
            - filter: {uri: SVC/pass}
              subscriber: {uri: SVC/sub0}
            - filter: {uri: SVC/FILTER1}
              subscriber: {uri: SVC/sub1}
          reply: {uri: SVC/reply}
        """
        .replace("SVC", svc)
        .replace("FILTER1", filter1);
  }

  private static RecordingSink services() {
    RecordingSink s = RecordingSink.start();
    s.answerWith(
        StepServices.byPath(
            Map.of(
                "/pass", StepServices.filter(r -> true),
                "/drop", StepServices.filter(r -> false),
                "/sub0", StepServices.textAppender("+0"),
                "/sub1", StepServices.textAppender("+1"),
                "/reply", r -> RecordingSink.Answer.status(200))));
    return s;
  }

  @Test
  void conformance16OnePassingFilterGivesExactlyOneOutput() throws Exception {
    try (RecordingSink services = services();
        KnRuntime runtime = KnRuntime.start(parallel(services.url(""), "drop"))) {
      assertThat(runtime.postEvent("/default/parallels/par", "one", "t", "in").statusCode())
          .isEqualTo(202);
      await().atMost(WAIT).until(() -> services.delivered("/drop").size() == 1);
      await().atMost(WAIT).until(() -> services.delivered("/reply").size() == 1);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> services.delivered("/reply").size() == 1);
      assertThat(services.delivered("/reply").get(0).bodyText()).isEqualTo("in+0");
      assertThat(services.delivered("/sub1")).isEmpty();
      assertThat(
              runtime
                  .metrics()
                  .value(
                      "ofn_kn_parallel_branch_events_filtered_total",
                      "parallel",
                      "par",
                      "branch",
                      "1",
                      "call",
                      "filter"))
          .isEqualTo(1);
    }
  }

  @Test
  void conformance16BothFiltersPassingGiveBothOutputsWithTheOriginalId() throws Exception {
    try (RecordingSink services = services();
        KnRuntime runtime = KnRuntime.start(parallel(services.url(""), "pass"))) {
      runtime.postEvent("/default/parallels/par", "both", "t", "in");
      await().atMost(WAIT).until(() -> services.delivered("/reply").size() == 2);
      assertThat(services.delivered("/reply").stream().map(RecordingSink.Request::bodyText))
          .containsExactlyInAnyOrder("in+0", "in+1");
      assertThat(services.delivered("/reply").stream().map(r -> r.header("ce-id")))
          .containsOnly("both");
    }
  }

  @Test
  void seed004OddEvenParallelAsWritten() throws Exception {
    try (RecordingSink services = RecordingSink.start()) {
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/even-filter", StepServices.filter(StepServices::evenSecond),
                  "/odd-filter", StepServices.filter(r -> !StepServices.evenSecond(r)),
                  "/even-transformer", StepServices.transformer("{\"message\":\"this is even!\"}"),
                  "/odd-transformer", StepServices.transformer("{\"message\":\"this is odd!\"}"),
                  "/display", r -> RecordingSink.Answer.status(200))));
      List<LoadResult> parts = new ArrayList<>();
      for (Path f : Yamls.yamlFiles(Path.of("examples/knative/parallel"))) {
        String text =
            Files.readString(f).replace("schedule: \"* * * * *\"", "schedule: \"* * * * * *\"");
        parts.add(YamlLoader.load(f.toString(), text, "default"));
      }
      List<String> addresses = new ArrayList<>();
      for (String s : List.of("even-filter", "odd-filter", "even-transformer", "odd-transformer")) {
        addresses.add("Service/" + s + "=" + services.url("/" + s));
      }
      addresses.add("Service/event-display=" + services.url("/display"));
      try (KnRuntime runtime = KnRuntime.start(LoadResult.merge(parts), addresses)) {
        // at least two ticks of each parity
        await()
            .atMost(WAIT)
            .until(
                () ->
                    services.delivered("/display").size() >= 4
                        && services.delivered("/even-filter").size()
                            > services.delivered("/display").size());
      }
      List<RecordingSink.Request> ticks = services.delivered("/even-filter");
      Map<String, List<RecordingSink.Request>> byId =
          services.delivered("/display").stream()
              .collect(Collectors.groupingBy(r -> r.header("ce-id")));
      int even = 0;
      int odd = 0;
      for (RecordingSink.Request tick : ticks) {
        List<RecordingSink.Request> out = byId.get(tick.header("ce-id"));
        if (out == null) continue; // the runtime stopped before this tick reached the display
        assertThat(out).as("tick %s reaches the display once", tick.header("ce-id")).hasSize(1);
        String message = JSON.readTree(out.get(0).body()).get("message").asText();
        boolean isEven = StepServices.evenSecond(tick);
        assertThat(message).isEqualTo(isEven ? "this is even!" : "this is odd!");
        if (isEven) even++;
        else odd++;
      }
      assertThat(even).isGreaterThanOrEqualTo(1);
      assertThat(odd).isGreaterThanOrEqualTo(1);
      assertThat(byId.keySet())
          .isSubsetOf(ticks.stream().map(r -> r.header("ce-id")).collect(Collectors.toSet()));
    }
  }

  @Test
  void aBranchWithoutAFilterGetsEveryEventAndABranchReplyWinsOverTheParallels() throws Exception {
    try (RecordingSink services = services()) {
      String yaml =
          """
          apiVersion: flows.knative.dev/v1
          kind: Parallel
          metadata: {name: fan}
          spec:
            branches:
              - subscriber: {uri: SVC/sub0}
              - subscriber: {uri: SVC/sub1}
                reply: {uri: SVC/own-reply}
            reply: {uri: SVC/reply}
          """
              .replace("SVC", services.url(""));
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/sub0",
                  StepServices.textAppender("+0"),
                  "/sub1",
                  StepServices.textAppender("+1"),
                  "/reply",
                  r -> RecordingSink.Answer.status(200),
                  "/own-reply",
                  r -> RecordingSink.Answer.status(200))));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        for (int i = 0; i < 5; i++) runtime.postEvent("/default/parallels/fan", "e" + i, "t", "x");
        await().atMost(WAIT).until(() -> services.delivered("/reply").size() == 5);
        await().atMost(WAIT).until(() -> services.delivered("/own-reply").size() == 5);
      }
      assertThat(services.deliveredBodies("/reply")).containsOnly("x+0");
      assertThat(services.deliveredBodies("/own-reply")).containsOnly("x+1");
    }
  }
}
