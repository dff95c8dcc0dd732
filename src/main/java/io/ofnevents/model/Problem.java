package io.ofnevents.model;

/**
 * One problem found in user input, printed as `file:line: Kind ns/name: field.path: message`. Parts
 * that are unknown (no resource yet, no field) are left out.
 */
public record Problem(
    Severity severity, String file, int line, ResourceId resource, String path, String message) {

  /** Whether a problem stops the input from being used. */
  public enum Severity {
    ERROR,
    WARNING
  }

  /** The order problems are shown in: by file, then line; otherwise as found. */
  public static final java.util.Comparator<Problem> ORDER =
      java.util.Comparator.comparing((Problem p) -> String.valueOf(p.file()))
          .thenComparingInt(Problem::line);

  public static Problem error(
      String file, int line, ResourceId resource, String path, String message) {
    return new Problem(Severity.ERROR, file, line, resource, path, message);
  }

  public static Problem warning(
      String file, int line, ResourceId resource, String path, String message) {
    return new Problem(Severity.WARNING, file, line, resource, path, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The one-line form users see; warnings say so before the message. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line > 0) sb.append(':').append(line);
      sb.append(": ");
    }
    if (resource != null) sb.append(resource).append(": ");
    if (path != null && !path.isEmpty()) sb.append(path).append(": ");
    if (severity == Severity.WARNING) sb.append("warning: ");
    return sb.append(message).toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
