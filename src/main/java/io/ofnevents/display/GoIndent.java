package io.ofnevents.display;

import java.nio.charset.StandardCharsets;

/**
 * Go's `encoding/json.Indent`: the same JSON text (numbers, escapes and key order as they came)
 * with insignificant whitespace replaced: a new line plus `prefix` and one `indent` per level after
 * every `{`, `[` and `,`, `": "` after a key, empty objects and arrays kept as `{}` and `[]`. Null
 * for text that is not JSON, which Go refuses too.
 */
final class GoIndent {
  private GoIndent() {}

  static String indent(byte[] json, String prefix, String indent) {
    if (!KnativeFormat.valid(json)) return null;
    String s = new String(json, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(s.length() * 2);
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    boolean open = false; // just wrote { or [: the newline waits for the first value
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        out.append(c);
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == '"') inString = false;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
      if (open && c != '}' && c != ']') {
        newline(out, prefix, indent, depth);
      }
      if (c == '}' || c == ']') {
        depth--;
        if (!open) newline(out, prefix, indent, depth);
        out.append(c);
        open = false;
        continue;
      }
      open = false;
      switch (c) {
        case '{', '[' -> {
          out.append(c);
          depth++;
          open = true;
        }
        case ',' -> {
          out.append(c);
          newline(out, prefix, indent, depth);
        }
        case ':' -> out.append(": ");
        case '"' -> {
          out.append(c);
          inString = true;
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void newline(StringBuilder out, String prefix, String indent, int depth) {
    out.append('\n').append(prefix);
    for (int i = 0; i < depth; i++) out.append(indent);
  }
}
