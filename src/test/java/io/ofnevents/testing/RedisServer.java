package io.ofnevents.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A {@code redis-server}, optionally requiring a password; without persistence unless it keeps an
 * append-only file ({@link #persistent()}).
 */
public final class RedisServer extends ServerProcess {
  private static final Pattern READY = Pattern.compile("Ready to accept connections");
  private final String password;
  private final boolean persistent;

  private RedisServer(String password, boolean persistent) {
    super("redis-server", "redis-server");
    this.password = password;
    this.persistent = persistent;
  }

  /** A server that accepts any client. */
  public static RedisServer create() {
    return new RedisServer(null, false);
  }

  /** A server whose clients must {@code AUTH} with {@code password} ({@code --requirepass}). */
  public static RedisServer withPassword(String password) {
    return new RedisServer(password, false);
  }

  /**
   * A server that writes every change to an append-only file in its directory before answering
   * ({@code appendfsync always}), so a restart, even after SIGKILL, keeps every acknowledged write.
   */
  public static RedisServer persistent() {
    return new RedisServer(null, true);
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

  /** A Redisson client of this server (with its password); the caller shuts it down. */
  public RedissonClient client() {
    Config config = new Config();
    var single = config.useSingleServer().setAddress(url());
    if (password != null) single.setPassword(password);
    return Redisson.create(config);
  }

  @Override
  protected List<String> arguments() {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--port", String.valueOf(port()), "--bind", HOST));
    args.addAll(List.of("--dir", dir().toString(), "--save", ""));
    if (persistent) {
      args.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
    } else {
      args.addAll(List.of("--appendonly", "no"));
    }
    args.addAll(List.of("--protected-mode", "no"));
    if (password != null) {
      args.addAll(List.of("--requirepass", password));
    }
    return args;
  }
}
