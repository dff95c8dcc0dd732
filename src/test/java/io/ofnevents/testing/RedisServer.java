package io.ofnevents.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A {@code redis-server} without persistence, optionally requiring a password. */
public final class RedisServer extends ServerProcess {
  private static final Pattern READY = Pattern.compile("Ready to accept connections");
  private final String password;

  private RedisServer(String password) {
    super("redis-server", "redis-server");
    this.password = password;
  }

  /** A server that accepts any client. */
  public static RedisServer create() {
    return new RedisServer(null);
  }

  /** A server whose clients must {@code AUTH} with {@code password} ({@code --requirepass}). */
  public static RedisServer withPassword(String password) {
    return new RedisServer(password);
  }

  /** {@code redis://127.0.0.1:PORT}, without credentials: see {@link #password()}. */
  @Override
  protected Pattern readyLine() {
    return READY;
  }

  @Override
  public String url() {
    return "redis://" + HOST + ":" + port();
  }

  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  @Override
  protected List<String> arguments() {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--port", String.valueOf(port()), "--bind", HOST));
    args.addAll(List.of("--dir", dir().toString(), "--save", "", "--appendonly", "no"));
    args.addAll(List.of("--protected-mode", "no"));
    if (password != null) {
      args.addAll(List.of("--requirepass", password));
    }
    return args;
  }
}
