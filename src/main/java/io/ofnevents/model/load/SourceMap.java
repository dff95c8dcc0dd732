package io.ofnevents.model.load;

import java.util.Map;

/**
 * Where a resource came from: its file, the line of its document, and the line of each field path
 * (`spec.kafka.sample-one.brokers`, `spec.subscribers[0].sink.uri`).
 */
public record SourceMap(String file, int documentLine, Map<String, Integer> lines) {

  public static SourceMap unknown(String origin) {
    return new SourceMap(origin, 0, Map.of());
  }

  /**
   * The line of `path`, or of its nearest ancestor that was written in the file (a missing field is
   * reported where its parent is), or of the document.
   */
  public int lineOf(String path) {
    String p = path == null ? "" : path;
    while (!p.isEmpty()) {
      Integer line = lines.get(p);
      if (line != null) return line;
      p = parent(p);
    }
    return documentLine;
  }

  static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut <= 0 ? "" : path.substring(0, cut);
  }
}
