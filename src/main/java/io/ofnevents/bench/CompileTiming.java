package io.ofnevents.bench;

import io.ofnevents.cli.Version;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.model.validate.Validator;
import java.util.Arrays;
import java.util.List;

/**
 * Load, validation and compilation of many resources in this JVM, as `ofn-events compile` does them
 * (minus file reads), after warm-up: medians of several runs, in milliseconds.
 */
final class CompileTiming {
  private static final int WARMUP = 3;
  private static final int RUNS = 5;

  /** Medians in milliseconds of each stage for `resources` resources. */
  record Result(int resources, int routeFiles, double loadMs, double validateMs, double compileMs) {
    double totalMs() {
      return loadMs + validateMs + compileMs;
    }
  }

  private CompileTiming() {}

  /** Times one EventBus with EventSources and Triggers, `resources` in all. */
  static Result run(int resources) {
    String yaml = resources(resources);
    double[][] ms = new double[3][RUNS];
    int files = 0;
    for (int run = -WARMUP; run < RUNS; run++) {
      long t0 = System.nanoTime();
      LoadResult loaded = YamlLoader.load("compile-bench.yaml", yaml, "default");
      long t1 = System.nanoTime();
      List<Problem> problems = Validator.validate(loaded.resources());
      long t2 = System.nanoTime();
      Bundle bundle =
          Compiler.compile(loaded.resources(), CompileOptions.standalone(Version.current()));
      long t3 = System.nanoTime();
      if (loaded.hasErrors()
          || problems.stream().anyMatch(Problem::isError)
          || bundle.hasErrors()) {
        throw new IllegalStateException("the generated resources are invalid: " + problems);
      }
      files = bundle.routes().size();
      if (run >= 0) {
        ms[0][run] = (t1 - t0) / 1e6;
        ms[1][run] = (t2 - t1) / 1e6;
        ms[2][run] = (t3 - t2) / 1e6;
      }
    }
    return new Result(resources, files, median(ms[0]), median(ms[1]), median(ms[2]));
  }

  /**
   * One EventBus, then EventSources with two events each and Triggers joining them, alternately.
   */
  static String resources(int count) {
    StringBuilder y =
        new StringBuilder(
            """
            apiVersion: events.openfunction.io/v1alpha1
            kind: EventBus
            metadata: {name: default}
            spec:
              nats: {url: "nats://nats.default:4222"}
            """);
    for (int i = 1; i < count; i++) {
      int n = i / 2;
      if (i % 2 == 1) {
        y.append(
            """
            ---
            apiVersion: events.openfunction.io/v1alpha1
            kind: EventSource
            metadata: {name: source-%1$d}
            spec:
              eventBus: default
              cron:
                tick: {schedule: "*/5 * * * *"}
                chime: {schedule: "@every 10s"}
            """
                .formatted(n));
      } else {
        y.append(
            """
            ---
            apiVersion: events.openfunction.io/v1alpha1
            kind: Trigger
            metadata: {name: trigger-%1$d}
            spec:
              eventBus: default
              inputs:
                tick: {eventSource: source-%2$d, event: tick}
                chime: {eventSource: source-%2$d, event: chime}
              subscribers:
                - condition: tick && chime
                  sink: {uri: "http://sink.default.svc/%1$d"}
                - condition: tick || !chime
                  topic: ticks-%1$d
            """
                .formatted(n, n - 1));
      }
    }
    return y.toString();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
