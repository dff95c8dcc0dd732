package io.ofnevents.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes Kubernetes manifests as readable, stable YAML: no needless quotes, no folded lines, list
 * items indented as kubectl prints them.
 */
public final class ManifestYaml {
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private ManifestYaml() {}

  /** The manifest as one YAML document, after a `# ` comment of `header` lines (may be null). */
  public static String write(String header, Object manifest) {
    StringBuilder sb = new StringBuilder();
    if (header != null) header.lines().forEach(l -> sb.append("# ").append(l).append('\n'));
    try {
      return sb.append(MAPPER.writeValueAsString(manifest)).toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write manifest: " + e.getMessage(), e);
    }
  }
}
