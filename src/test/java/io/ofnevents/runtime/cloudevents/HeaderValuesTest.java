package io.ofnevents.runtime.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attribute values in headers are percent-encoded as the CloudEvents HTTP and NATS bindings ask;
 * values that were not are taken as sent, never refused.
 */
class HeaderValuesTest {
  @Test
  void theBindingsExampleEncodesSpaceAndEverythingOutsidePrintableAscii() {
    // HTTP and NATS binding 3.1.3.2: "Euro € 😀"
    assertThat(HeaderValues.encode("Euro \u20ac \ud83d\ude00"))
        .isEqualTo("Euro%20%E2%82%AC%20%F0%9F%98%80");
  }

  @Test
  void spaceDoubleQuotePercentAndControlCharactersAreEncoded() {
    assertThat(HeaderValues.encode("café ☕ 100%")).isEqualTo("caf%C3%A9%20%E2%98%95%20100%25");
    assertThat(HeaderValues.encode("say \"hi\"")).isEqualTo("say%20%22hi%22");
    assertThat(HeaderValues.encode("a\tb\u007f")).isEqualTo("a%09b%7F");
  }

  @Test
  void printableAsciiOtherThanQuoteAndPercentIsLeftAlone() {
    String plain = "io.openfunction/events:kafka-0_1~!#$&'()*+,;=?@[]{}|^`<>\\";
    assertThat(HeaderValues.encode(plain)).isSameAs(plain);
  }

  @Test
  void decodingAcceptsLowerCaseHexUnnecessaryEncodingAndQuotedStrings() {
    assertThat(HeaderValues.decode("caf%c3%a9")).isEqualTo("café");
    assertThat(HeaderValues.decode("%41%42C")).isEqualTo("ABC");
    // older senders quoted values instead of encoding space and '"'
    assertThat(HeaderValues.decode("\"say \\\"hi\\\" 100%25\"")).isEqualTo("say \"hi\" 100%");
    assertThat(HeaderValues.decode("plain")).isEqualTo("plain");
  }

  @ParameterizedTest
  // what the official SDKs send for these values: they do not percent-encode (sdk-java#748)
  @ValueSource(strings = {"50%off", "%zz", "abc%4", "%", "%%41", "100% sure", "caf%C3%A9 50%"})
  void aPercentWithoutTwoHexDigitsMeansNotEncodedSoTheValueIsTakenAsSent(String value) {
    HeaderValues.Decoded d = HeaderValues.read(value);
    assertThat(d.value()).isEqualTo(value);
    assertThat(d.keptAsSent()).contains("a % not followed by two hex digits");
    assertThat(HeaderValues.decode(value)).isEqualTo(value);
  }

  @ParameterizedTest
  // an overlong space (the bindings' own example: it must not become a space), a lone
  // continuation byte, a truncated sequence, an encoded surrogate, a byte that never occurs in
  // UTF-8
  @ValueSource(strings = {"%C0%A0", "%80", "%E2%82", "%ED%A0%80", "%FF", "caf%E9"})
  void escapesThatAreNotUtf8MeanNotEncodedSoTheValueIsTakenAsSent(String value) {
    HeaderValues.Decoded d = HeaderValues.read(value);
    assertThat(d.value()).isEqualTo(value);
    assertThat(d.keptAsSent()).contains("not UTF-8");
  }

  @Test
  void wellFormedEscapesAreDecodedStrictlyAndSaySo() {
    assertThat(HeaderValues.read("caf%C3%A9%20%E2%98%95"))
        .isEqualTo(new HeaderValues.Decoded("café ☕", null));
    assertThat(HeaderValues.read("\"50%25 off\""))
        .isEqualTo(new HeaderValues.Decoded("50% off", null));
    assertThat(HeaderValues.read("plain").keptAsSent()).isNull();
  }

  @Test
  void everyStringComesBackFromItsEncoding() {
    Random random = new Random(7);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        int cp =
            switch (random.nextInt(4)) {
              case 0 -> 0x20 + random.nextInt(0x60);
              case 1 -> random.nextInt(0x100);
              case 2 -> 0x100 + random.nextInt(0xd000);
              default -> 0x10000 + random.nextInt(0x10000);
            };
        sb.appendCodePoint(cp);
      }
      String value = sb.toString();
      String encoded = HeaderValues.encode(value);
      assertThat(encoded.chars()).allMatch(c -> c > 0x20 && c < 0x7f && c != '"');
      assertThat(HeaderValues.decode(encoded)).isEqualTo(value);
    }
  }
}
