package io.ofnevents.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
}
