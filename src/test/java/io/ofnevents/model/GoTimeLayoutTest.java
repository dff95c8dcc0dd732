package io.ofnevents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTimeLayoutTest {

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-03-05T06:07:08Z | 2006-01-02T15:04:05Z07:00 | 2024-03-05T06:07:08Z",
        "2024-03-05T06:07:08+02:00 | 2006-01-02T15:04:05Z07:00 | 2024-03-05T04:07:08Z",
        "2024-03-05T06:07:08.25Z | 2006-01-02T15:04:05Z07:00 | 2024-03-05T06:07:08.250Z",
        "2024-03-05 06:07:08 | 2006-01-02 15:04:05 | 2024-03-05T06:07:08Z",
        "2024-03-05 06:07:08.123 | 2006-01-02 15:04:05.000 | 2024-03-05T06:07:08.123Z",
        "2024-03-05 06:07:08 | 2006-01-02 15:04:05.999 | 2024-03-05T06:07:08Z",
        "Mar 5, 2024 at 6:07pm | Jan 2, 2006 at 3:04pm | 2024-03-05T18:07:00Z",
        "March  5 24 06:07 -0130 | January _2 06 15:04 -0700 | 2024-03-05T07:37:00Z",
        "Tue, 05 Mar 2024 06:07:08 +0000 | Mon, 02 Jan 2006 15:04:05 -0700 | 2024-03-05T06:07:08Z",
        "05/03/99 | 02/01/06 | 1999-03-05T00:00:00Z",
        "2024-065 | 2006-002 | 2024-03-05T00:00:00Z",
      })
  void parsesLikeGo(String text, String layout, String expected) {
    assertThat(GoTimeLayout.parse(text, layout)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-03-05 | 2006-01-02T15:04:05Z07:00",
        "2024-13-05 | 2006-01-02",
        "yesterday | 2006-01-02",
        "Wed, 05 Mar 2024 06:07:08 +0000 | Mon, 02 Jan 2006 15:04:05 -0700",
      })
  void rejectsWithTheTextAndTheLayout(String text, String layout) {
    assertThatThrownBy(() -> GoTimeLayout.parse(text, layout))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"")
        .hasMessageContaining("Go layout \"" + layout + "\"");
  }
}
