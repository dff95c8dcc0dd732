package io.ofnevents.runtime.cloudevents;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON event format: what we write reads back the same, and broken envelopes are named. */
class JsonFormatTest {
  @Test
  void dataIsJsonTextOrBase64AsItsContentTypeAndBytesAllow() {
    assertThat(json("application/json", "{\"a\": [1, 2.50]}"))
        .contains("\"data\":{\"a\":[1,2.50]}");
    assertThat(json("application/vnd.x+json", "3")).contains("\"data\":3");
    assertThat(json("text/plain", "a \"b\"")).contains("\"data\":\"a \\\"b\\\"\"");
    // absent content type means JSON to a reader, so text that is not JSON goes as base64
    assertThat(json(null, "plain")).contains("\"data_base64\":\"cGxhaW4=\"");
    assertThat(json("application/json", "{broken")).contains("\"data_base64\"");
  }

  @Test
  void version03UsesDatacontentencodingForBase64AndReadsItBack() {
    CloudEvent e =
        new CloudEvent(
            Map.of("specversion", "0.3", "id", "1", "source", "/s", "type", "t"),
            new byte[] {1, (byte) 0xff});
    String text = new String(JsonFormat.write(e), UTF_8);
    assertThat(text).contains("\"datacontentencoding\":\"base64\"", "\"data\":\"Af8=\"");
    CloudEvent back = JsonFormat.read(text.getBytes(UTF_8));
    assertThat(back.data()).isEqualTo(e.data());
    assertThat(back.attributes()).doesNotContainKey("datacontentencoding");
    assertThat(back.specVersion()).isEqualTo("0.3");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[1] | event ?: structured event: is not a JSON object",
        "{oops | event ?: structured event: not JSON",
        "{\"id\":\"x\",\"data\":1,\"data_base64\":\"AA==\"} | event x: data: data and data_base64 are"
            + " both set",
        "{\"id\":\"x\",\"datacontenttype\":\"text/plain\",\"data\":{}} | event x: data: must be a"
            + " string when datacontenttype is text/plain",
        "{\"id\":\"x\",\"ext\":{\"a\":1}} | event x: attribute ext: must be a string, number or"
            + " boolean, not OBJECT",
        "{\"id\":\"x\",\"data_base64\":\"***\"} | event x: data_base64: is not base64"
      })
  void aBrokenEnvelopeIsNamedWithItsEvent(String body, String message) {
    assertThatThrownBy(() -> JsonFormat.read(body.getBytes(UTF_8)))
        .isInstanceOf(InvalidCloudEventException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void modesAreToldApartByContentTypeAndABatchIsNotOneEvent() {
    assertThat(Binding.mode(null)).isEqualTo(Binding.Mode.BINARY);
    assertThat(Binding.mode("application/json")).isEqualTo(Binding.Mode.BINARY);
    assertThat(Binding.mode("Application/CloudEvents+JSON; charset=utf-8"))
        .isEqualTo(Binding.Mode.STRUCTURED);
    assertThat(Binding.mode(Binding.BATCH_TYPE)).isEqualTo(Binding.Mode.BATCH);
    Map<String, String> batch = Map.of("Content-Type", Binding.BATCH_TYPE);
    byte[] two = "[{\"id\":\"a\"},{\"id\":\"b\"}]".getBytes(UTF_8);
    assertThat(Binding.HTTP.readAll(batch, two))
        .extracting(CloudEvent::id)
        .containsExactly("a", "b");
    assertThatThrownBy(() -> Binding.HTTP.read(batch, two))
        .isInstanceOf(InvalidCloudEventException.class)
        .hasMessageContaining("a batch");
  }

  @Test
  void requiredAttributesAndNamesAreChecked() {
    CloudEvent e = new CloudEvent(Map.of("id", "1", "specversion", "2.0", "Bad-Name", "v"), null);
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "required attribute source is missing",
            "required attribute type is missing",
            "specversion 2.0 is not supported (0.3 and 1.0 are)",
            "attribute name \"Bad-Name\" is not lower-case letters and digits");
  }

  private static String json(String contentType, String data) {
    Map<String, String> a = new java.util.LinkedHashMap<>(Map.of("specversion", "1.0", "id", "1"));
    if (contentType != null) a.put("datacontenttype", contentType);
    CloudEvent e = new CloudEvent(a, data.getBytes(UTF_8));
    byte[] written = JsonFormat.write(e);
    assertThat(JsonFormat.read(written).data())
        .as("reads back")
        .satisfiesAnyOf(
            d -> assertThat(d).isEqualTo(e.data()),
            d -> assertThat(JsonFormat.isJson(contentType)).isTrue());
    return new String(written, UTF_8);
  }
}
