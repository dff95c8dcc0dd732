package io.ofnevents.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Sink URLs with credentials: connect without them, send them as Basic auth, never show them. */
class SinkUrlTest {
  @Test
  void userInfoBecomesBasicCredentialsAndIsMaskedWhereShown() {
    SinkUrl u = SinkUrl.parse("https://bob:p%40ss+w@sink.ns.svc:8443/in/x?token=t0k&a=1");
    assertThat(u.base()).isEqualTo("https://sink.ns.svc:8443/in/x");
    assertThat(u.query()).isEqualTo("token=t0k&a=1");
    assertThat(u.authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("bob:p@ss+w".getBytes(StandardCharsets.UTF_8)));
    assertThat(u.shown()).doesNotContain("p%40ss", "t0k").contains("sink.ns.svc:8443/in/x");
    assertThat(u.toString()).isEqualTo(u.shown());
  }

  @Test
  void aPlainUrlIsShownAsIs() {
    SinkUrl u = SinkUrl.parse("http://127.0.0.1:8080/");
    assertThat(u.base()).isEqualTo("http://127.0.0.1:8080/");
    assertThat(u.query()).isNull();
    assertThat(u.authorization()).isNull();
    assertThat(u.shown()).isEqualTo("http://127.0.0.1:8080/");
  }
}
