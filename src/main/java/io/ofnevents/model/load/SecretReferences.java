package io.ofnevents.model.load;

import io.ofnevents.model.SecretValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the string forms of a secret: `${env:VAR}`, `${file:/path}`, or a literal. */
public final class SecretReferences {
  private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]+)}");

  private SecretReferences() {}

  public static SecretValue parse(String value) {
    Matcher m = REF.matcher(value.trim());
    if (m.matches()) {
      return m.group(1).equals("env")
          ? new SecretValue(null, m.group(2), null, null)
          : new SecretValue(null, null, m.group(2), null);
    }
    return SecretValue.ofLiteral(value);
  }
}
