package io.ofnevents.runtime.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.SecretValue;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource as the console shows it: the loaded model written back as YAML, every secret as its
 * reference (`${env:VAR}`, `secretKeyRef name/key`; one given in clear as `<literal, redacted>`)
 * and every URL without its password or secret query parameters; and generated routes with their
 * URLs masked the same way.
 */
final class ResourceYaml {
  private static final YAMLMapper MAPPER = mapper();

  private ResourceYaml() {}

  static String of(Resource r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", Kind.API_VERSION);
    doc.put("kind", r.kind().kindName());
    try {
      Map<?, ?> tree = MAPPER.convertValue(r, Map.class);
      doc.put("metadata", tree.get("metadata"));
      doc.put("spec", tree.get("spec"));
      return MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return "# cannot show this resource: " + e.getMessage() + "\n";
    }
  }

  /** Generated route YAML with the URLs in it masked (sink URLs may carry user info, tokens). */
  static String routes(String yaml) {
    return Redaction.text(yaml);
  }

  private static YAMLMapper mapper() {
    SimpleModule module = new SimpleModule("console-redaction");
    module.addSerializer(
        SecretValue.class,
        new StdSerializer<>(SecretValue.class) {
          @Override
          public void serialize(SecretValue v, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeString(v.toString()); // the reference, never the value
          }
        });
    module.addSerializer(
        String.class,
        new StdSerializer<>(String.class) {
          @Override
          public void serialize(String v, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeString(v.contains("://") ? Redaction.text(v) : v);
          }
        });
    YAMLMapper m =
        YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(module)
            .build();
    return m;
  }
}
