package io.ofnevents.compile;

import java.util.List;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Writes generated routes as canonical, readable Camel YAML DSL with a header comment. */
public final class RouteYaml {
  private static final DumpSettings SETTINGS =
      DumpSettings.builder()
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .setIndent(2)
          .setIndicatorIndent(2)
          .setIndentWithIndicator(true)
          .setWidth(4096)
          .setSplitLines(false)
          .build();

  private RouteYaml() {}

  public static String write(String header, List<Object> routes) {
    StringBuilder sb = new StringBuilder();
    for (String line : header.split("\n")) sb.append("# ").append(line).append('\n');
    // The indicator indent also shifts the top-level list; Camel examples start it at column 0.
    String body = new Dump(SETTINGS).dumpToString(routes).replaceAll("(?m)^  ", "");
    return sb.append(body).toString();
  }
}
