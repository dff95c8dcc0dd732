package io.ofnevents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.compile.Bundle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic and fixtures, without running it. */
class BenchPartsTest {
  @Test
  void aSpreadIsTheMedianWithMinAndMaxNeverTheBestRunAlone() {
    Spread s = Spread.of(3, 1, 10);
    assertThat(s.median()).isEqualTo(3);
    assertThat(s.format(0)).isEqualTo("3 (1–10)");
    assertThat(Spread.of(2, 4).median()).isEqualTo(3);
    assertThat(Spread.of(7).format(1)).isEqualTo("7.0");
    assertThat(Spread.NONE.format(0)).isEqualTo("–");
  }

  @Test
  void startupIsMeasuredAtOnePairAndAtEachSizeUpToTheOneAskedFor() {
    assertThat(StartupProbe.counts(100)).containsExactly(1, 100);
    assertThat(StartupProbe.counts(1000)).containsExactly(1, 100, 500, 1000);
    assertThat(StartupProbe.counts(300)).containsExactly(1, 100, 300);
    assertThat(StartupProbe.counts(1)).containsExactly(1);
  }

  @Test
  void theCostPerPairIsOverTheOnePairStart() {
    StartupProbe.Result base = new StartupProbe.Result(1, 2.0, 3.0, 150, 150);
    StartupProbe.Result big = new StartupProbe.Result(101, 3.0, 4.0, 170, 180);
    assertThat(big.msPerPair(base)).isEqualTo(10.0);
    assertThat(big.mbPerPair(base)).isEqualTo(0.3);
  }

  @Test
  void theQuickstartProbeRunsTheQuickstartExample() throws Exception {
    List<String> docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("examples/quickstart"))) {
      for (Path f : files.sorted().toList()) {
        // the example's comments are not needed to start it
        docs.add(
            Files.readString(f)
                .lines()
                .filter(l -> !l.startsWith("#"))
                .reduce("", (a, b) -> a + b + "\n"));
      }
    }
    assertThat(QuickstartProbe.RESOURCES.split("---\n")).containsExactlyElementsOf(docs);
  }

  @Test
  void theKnativePathIsABrokerAndATriggerWithTheOpenFunctionTriggersConcurrency() {
    String yaml =
        KnativePipeline.resources("nats://127.0.0.1:1", List.of("http://s/0", "http://s/1"), 32);
    Bundle bundle = ProductPipeline.compile(yaml);
    List<String> routes = bundle.routes().stream().map(r -> r.yaml()).toList();
    String consumers =
        routes.stream()
            .filter(y -> y.contains("subject: " + KnativePipeline.subjects().get(0)))
            .reduce("", String::concat);
    // one Trigger per subscriber, each consuming the Broker's subject 32 at a time
    assertThat(consumers.split("concurrency: 32", -1)).hasSize(3);
    assertThat(yaml).contains("filter: {attributes: {type: " + Publisher.TYPE + "}}");
    assertThat(Publisher.headers("x", "a", "r").get("ce-type")).containsExactly(Publisher.TYPE);
  }

  @Test
  void theKnativeStartupHasOneBrokerAndATriggerWithItsOwnTypePerCount() {
    String yaml = KnStartupProbe.resources("nats://127.0.0.1:1", "http://s/kn", 3);
    ProductPipeline.compile(yaml);
    assertThat(yaml.split("kind: Trigger", -1)).hasSize(4);
    assertThat(yaml.split("kind: Broker", -1)).hasSize(2);
    assertThat(yaml).doesNotContain("PingSource");
    for (int t = 0; t < 3; t++) {
      assertThat(yaml).containsOnlyOnce("type: " + KnStartupProbe.type(t) + "}");
    }
  }

  @Test
  void theKnativeFiguresAreReportedOnlyWhenMeasuredAndAfterTheOtherResultFields() {
    Report.Paths p = paths(null);
    assertThat(Report.knativeFields(p)).isEmpty();
    assertThat(p.rows()).hasSize(3);
    RoundResult d = new RoundResult(1000, 2000, 1, 1, 1, 0.1, 0.05, 0, 0);
    PathSummary kn = PathSummary.of(Report.KNATIVE, List.of(), List.of(), List.of(d), 100, 1000);
    Report.Paths withKn =
        p.withKnative(new Report.KnativeDrain(kn, Spread.of(4000, 5000), Spread.of(30)));
    assertThat(withKn.rows()).hasSize(4).last().isSameAs(kn);
    assertThat(Report.knativeFields(withKn))
        .isEqualTo(" kn_drain_eps=2000 kn_drain_raw_eps=4500 kn_drain_ratio=0.44");
  }

  @Test
  void theKnativeStartupTableShowsTheCostPerTriggerOverTheOneTriggerStart() {
    StringWriter text = new StringWriter();
    List<StartupProbe.Result> pairs = List.of(new StartupProbe.Result(1, 2.0, 3.0, 150, 150));
    List<StartupProbe.Result> kn =
        List.of(
            new StartupProbe.Result(1, 2.0, 2.5, 150, 150),
            new StartupProbe.Result(101, 2.5, 3.0, 160, 170));
    Report.startup(
        new PrintWriter(text),
        List.of(),
        pairs,
        kn,
        List.of(),
        new CompileTiming.Result(2, 1, 1, 1, 1),
        "0.1 0.1 0.1");
    assertThat(text.toString())
        .contains("| 1 + 1 | 2.00 |")
        .contains("ms per Trigger | MB per Trigger |")
        .contains("| 101 | 2.50 | 3.00 | 160 / 170 | 5.0 | 0.20 |");
    StringWriter without = new StringWriter();
    Report.startup(
        new PrintWriter(without),
        List.of(),
        pairs,
        List.of(),
        List.of(),
        new CompileTiming.Result(2, 1, 1, 1, 1),
        "0.1 0.1 0.1");
    assertThat(without.toString()).doesNotContain("Knative");
  }

  private static Report.Paths paths(Report.KnativeDrain kn) {
    PathSummary none = PathSummary.of("x", List.of(), List.of(), List.of(), 0, 0);
    return new Report.Paths(none, none, none, 10_000, 1000, 2000, kn);
  }
}
