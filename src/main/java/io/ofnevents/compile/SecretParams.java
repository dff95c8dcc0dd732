package io.ofnevents.compile;

import io.ofnevents.model.ResourceId;
import io.ofnevents.model.SecretValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes secrets as Camel property placeholders, never as values: `{{env:VAR}}`,
 * `{{secret:name/key}}` (camel-kubernetes; a mounted Secret in Camel K), `{{ofn-file:/path}}`. A
 * literal (accepted in upstream fields) becomes `{{ofn.secret.…}}`, whose value is kept in memory
 * for `run` and never written to a file.
 */
final class SecretParams {
  private final Map<String, String> literals = new TreeMap<>();

  String placeholder(SecretValue value, ResourceId owner, String path) {
    if (value == null) return null;
    if (value.env() != null) return "{{env:" + value.env() + "}}";
    if (value.file() != null) return "{{ofn-file:" + value.file() + "}}";
    if (value.secretKeyRef() != null) {
      return "{{secret:" + value.secretKeyRef().name() + "/" + value.secretKeyRef().key() + "}}";
    }
    String key =
        ("ofn.secret." + owner.namespace() + "." + owner.name() + "." + path)
            .replaceAll("[^A-Za-z0-9_.-]", "_");
    literals.put(key, value.literal());
    return "{{" + key + "}}";
  }

  /** Property values of the literal secrets met so far. */
  Map<String, String> literals() {
    return literals;
  }
}
