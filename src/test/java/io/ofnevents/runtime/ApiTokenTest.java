package io.ofnevents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management API's one token: as a value or a file, only `Bearer` and itself match. */
class ApiTokenTest {
  @Test
  void aValueMatchesOnlyItselfAsBearerAndIsOffWhenBlank() throws Exception {
    ApiToken t = ApiToken.of("s3cret");
    assertThat(t.enabled()).isTrue();
    assertThat(t.authorizes("Bearer s3cret")).isTrue();
    assertThat(t.authorizes("bearer s3cret ")).isTrue();
    assertThat(t.authorizes("Bearer s3cre")).isFalse();
    assertThat(t.authorizes("Bearer s3cretx")).isFalse();
    assertThat(t.authorizes("s3cret")).as("not a bearer token").isFalse();
    assertThat(t.authorizes("Basic s3cret")).isFalse();
    assertThat(t.authorizes(null)).isFalse();
    assertThat(t.toString()).doesNotContain("s3cret");
    assertThat(ApiToken.of(" ").enabled()).isFalse();
    assertThat(ApiToken.of(null).authorizes("Bearer ")).isFalse();
    assertThat(ApiToken.none().authorizes("Bearer s3cret")).isFalse();
  }

  @Test
  void aFileIsReadOnEveryCheckSoARotatedTokenAppliesAtOnce(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "first\n");
    ApiToken t = ApiToken.file(file);
    assertThat(t.enabled()).isTrue();
    assertThat(t.authorizes("Bearer first")).isTrue();
    Files.writeString(file, "second");
    assertThat(t.authorizes("Bearer first")).isFalse();
    assertThat(t.authorizes("Bearer second")).isTrue();
    assertThat(t.toString()).doesNotContain("second");
    Files.writeString(file, "  \n");
    assertThatThrownBy(() -> t.authorizes("Bearer x"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is empty");
  }
}
