package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Attribute values in headers are percent-encoded as the CloudEvents HTTP binding asks. */
class HeaderValuesTest {
  @Test
  void attributesOutsidePrintableAsciiArePercentEncodedAndDecodedBack() {
    String value = "café ☕ 100%";
    String encoded = HeaderValues.forHeader("ce-subject", value);
    assertThat(encoded).isEqualTo("caf%C3%A9 %E2%98%95 100%25");
    assertThat(HeaderValues.decode(encoded)).isEqualTo(value);
  }

  @Test
  void plainValuesAndContentTypeAreLeftAlone() {
    assertThat(HeaderValues.forHeader("ce-type", "io.openfunction.events.kafka"))
        .isEqualTo("io.openfunction.events.kafka");
    assertThat(HeaderValues.forHeader("Content-Type", "text/plain; charset=utf-8"))
        .isEqualTo("text/plain; charset=utf-8");
  }

  @Test
  void aStrayPercentSignIsKeptWhenDecoding() {
    assertThat(HeaderValues.decode("50%off %zz")).isEqualTo("50%off %zz");
  }
}
