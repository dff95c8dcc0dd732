package io.ofnevents.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The file a server's stdout and stderr go to, appended to over all its starts. */
public final class ServerLog {
  private final Path file;

  ServerLog(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** The current length, to read only what a later start writes with {@link #since(long)}. */
  public long size() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Everything written after {@code offset}; a read error is returned as text, not thrown. */
  public String since(long offset) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      byte[] bytes = Files.readAllBytes(file);
      int from = (int) Math.min(offset, bytes.length);
      return new String(bytes, from, bytes.length - from, UTF_8);
    } catch (IOException e) {
      // the tail is diagnostics for a failure already being reported: never mask that failure
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** The last {@code lines} lines. */
  public String tail(int lines) {
    List<String> all = since(0).lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
