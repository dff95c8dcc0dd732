package io.ofnevents.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the harness against a real redis-server, speaking RESP over a plain socket. */
class RedisHarnessIT {
  // an instance field: every test gets its own server, started before and stopped after it
  @RegisterExtension final ServerExtension<RedisServer> redis = ServerExtension.redis();

  @Test
  void answersPing() throws IOException {
    assertThat(send(redis.server(), "PING")).isEqualTo("+PONG");
  }

  @Test
  void aPasswordServerRequiresAuth() throws IOException {
    try (RedisServer secured = RedisServer.withPassword("s3cret")) {
      secured.start();
      assertThat(send(secured, "PING")).startsWith("-NOAUTH");
      assertThat(send(secured, "AUTH", "s3cret")).isEqualTo("+OK");
    }
  }

  /** Sends one command per connection and returns the first reply line. */
  private static String send(RedisServer server, String... args) throws IOException {
    StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
    for (String arg : args) {
      request.append('$').append(arg.getBytes(UTF_8).length).append("\r\n");
      request.append(arg).append("\r\n");
    }
    try (Socket socket = new Socket(server.host(), server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(UTF_8));
      out.flush();
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)).readLine();
    }
  }
}
