package io.ofnevents.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BinariesTest {
  @Test
  void aMissingBinaryFailsWithAnInstallHint() {
    assertThatThrownBy(() -> Binaries.require("ofn-no-such-server", "ofn-no-such-package"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "ofn-no-such-server not found on PATH: install it with"
                + " 'apt-get install -y ofn-no-such-package'");
  }

  @Test
  void searchesPathAndTheSbinDirectories() {
    assertThat(Binaries.searchPath()).contains(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"));
    assertThat(Files.isExecutable(Binaries.require("sh", "dash"))).isTrue();
  }
}
