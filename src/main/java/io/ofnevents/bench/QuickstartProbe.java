package io.ofnevents.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * `ofn-events run` of the quickstart (examples/quickstart: an in-memory bus, a cron EventSource, a
 * Trigger with two subscribers), process start to `/health/ready` and resident memory, three ways:
 * a bare `java`, with bin/jvm.options, and with those plus the class-data (AppCDS) archive that
 * bin/ofn-events makes on the first run (made here by one run first). Medians of `runs` starts.
 */
final class QuickstartProbe {
  /** The quickstart's resources (QuickstartProbeTest keeps them equal to examples/quickstart). */
  static final String RESOURCES =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata:
        name: default
      spec:
        inMemory: {}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventSource
      metadata:
        name: clock
      spec:
        eventBus: default
        cron:
          tick:
            schedule: "@every 2s"
          chime:
            schedule: "*/10 * * * * *"
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata:
        name: clock-watch
      spec:
        eventBus: default
        inputs:
          tick:
            eventSource: clock
            event: tick
          chime:
            eventSource: clock
            event: chime
        conditionState:
          window: 3s
        subscribers:
          - condition: tick
            sink:
              uri: http://localhost:8090/ticks
          - condition: tick && chime
            sink:
              uri: http://localhost:8090/both
      """;

  /** One way of starting it. */
  record Variant(String label, List<String> flags, Spread readySeconds, Spread rssMb) {}

  private QuickstartProbe() {}

  /**
   * Measures the three ways; the archive made by the first run is left at `archive` (for the
   * start-up probe, as bin/ofn-events would reuse it).
   */
  static List<Variant> run(int runs, List<String> shipped, Path archive) throws Exception {
    Path dir = Files.createTempDirectory("ofn-bench-quickstart-");
    try {
      Path resources = dir.resolve("quickstart.yaml");
      Files.writeString(resources, RESOURCES);
      List<String> cds = new ArrayList<>(shipped);
      cds.add("-Xlog:cds=off");
      cds.add("-Xlog:cds+dynamic=off");
      List<String> training = new ArrayList<>(cds);
      training.add("-XX:ArchiveClassesAtExit=" + archive);
      try (ChildRun run = ChildRun.start(resources, training, dir.resolve("training.log"))) {
        run.awaitReady();
        run.stop(); // the archive is written as the JVM exits
      }
      cds = cdsFlags(shipped, archive);
      List<Variant> variants = new ArrayList<>();
      variants.add(measure("java, no flags", List.of(), runs, resources, dir));
      variants.add(measure("bin/jvm.options", shipped, runs, resources, dir));
      if (Files.isRegularFile(archive)) {
        variants.add(measure("bin/jvm.options + AppCDS archive", cds, runs, resources, dir));
      }
      return variants;
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    }
  }

  /** `shipped` and the flags that use the archive at `archive`. */
  static List<String> cdsFlags(List<String> shipped, Path archive) {
    List<String> cds = new ArrayList<>(shipped);
    cds.add("-Xlog:cds=off");
    cds.add("-Xlog:cds+dynamic=off");
    cds.add("-XX:SharedArchiveFile=" + archive);
    return cds;
  }

  private static Variant measure(
      String label, List<String> flags, int runs, Path resources, Path dir) throws Exception {
    double[] ready = new double[runs];
    double[] rss = new double[runs];
    for (int i = 0; i < runs; i++) {
      try (ChildRun run = ChildRun.start(resources, flags, dir.resolve("run-" + i + ".log"))) {
        ready[i] = run.awaitReady();
        rss[i] = run.rssMb();
      }
    }
    return new Variant(label, flags, Spread.of(ready), Spread.of(rss));
  }
}
