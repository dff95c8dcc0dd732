package io.ofnevents.model;

/**
 * A secret field. Written as a string (`${env:VAR}`, `${file:/path}`, or for upstream fields a
 * literal, which is accepted with a warning) or as `{secretKeyRef: {name, key}}`. Exactly one
 * component is set.
 */
public record SecretValue(String literal, String env, String file, SecretKeySelector secretKeyRef) {

  public static SecretValue ofLiteral(String value) {
    return new SecretValue(value, null, null, null);
  }

  public boolean isLiteral() {
    return literal != null;
  }

  /** Never prints the literal, so a SecretValue can be logged or shown safely. */
  @Override
  public String toString() {
    if (env != null) return "${env:" + env + "}";
    if (file != null) return "${file:" + file + "}";
    if (secretKeyRef != null)
      return "secretKeyRef " + secretKeyRef.name() + "/" + secretKeyRef.key();
    return "<literal, redacted>";
  }
}
