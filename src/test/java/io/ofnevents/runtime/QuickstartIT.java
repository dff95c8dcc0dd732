package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.Yamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quickstart of the README runs in camel-main and delivers CloudEvents to a real HTTP receiver:
 * every tick to /ticks, and ticks/chimes within 3 s of each other to /both.
 */
class QuickstartIT {
  @Test
  void quickstartDeliversCloudEvents() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      List<LoadResult> parts = new ArrayList<>();
      for (Path f : Yamls.yamlFiles(Path.of("examples/quickstart"))) {
        String text = Files.readString(f).replace("http://localhost:8090", sink.url(""));
        parts.add(YamlLoader.load(f.toString(), text, "default"));
      }
      Bundle bundle =
          Compiler.compile(LoadResult.merge(parts).resources(), CompileOptions.standalone("test"));
      try (OfnRuntime runtime =
          new OfnRuntime(
              bundle, new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()))) {
        runtime.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.delivered("/ticks").size() >= 2);
        RecordingSink.Request tick = sink.delivered("/ticks").get(0);
        assertThat(tick.header("ce-type")).isEqualTo("io.openfunction.events.cron");
        assertThat(tick.header("ce-subject")).isEqualTo("tick");
        assertThat(tick.header("ce-ofneventsource")).isEqualTo("clock");
        // A chime comes every 10 s; the tick or chime around it satisfies `tick && chime`.
        await().atMost(Duration.ofSeconds(25)).until(() -> !sink.delivered("/both").isEmpty());
        assertThat(sink.delivered("/both").get(0).header("ce-ofntrigger")).isEqualTo("clock-watch");
      }
    }
  }
}
