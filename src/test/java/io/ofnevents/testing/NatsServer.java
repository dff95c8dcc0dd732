package io.ofnevents.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A {@code nats-server} with JetStream on, storing streams as files in its own directory. */
public final class NatsServer extends ServerProcess {
  private static final Pattern READY = Pattern.compile("Server is ready");
  private final String name;
  private final String token;
  private final String user;
  private final String password;
  private final boolean monitoring;
  private final long maxPayload;
  private final String clusterName;
  private final int clusterPort;
  private final List<Integer> routePorts;
  private int monitorPort;

  private NatsServer(Builder builder) {
    super("nats-server", "nats-server");
    this.name = builder.name;
    this.token = builder.token;
    this.user = builder.user;
    this.password = builder.password;
    this.monitoring = builder.monitoring;
    this.maxPayload = builder.maxPayload;
    this.clusterName = builder.clusterName;
    this.clusterPort = builder.clusterPort;
    this.routePorts = builder.routePorts;
  }

  /** A JetStream server without authentication or monitoring. */
  public static NatsServer create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected Pattern readyLine() {
    return READY;
  }

  /** The server name ({@code --name}), which JetStream reports as a stream's leader. */
  public String serverName() {
    return name != null ? name : "ofn-it-" + port();
  }

  @Override
  public String url() {
    return "nats://" + HOST + ":" + port();
  }

  /** The HTTP monitoring URL ({@code /varz}, {@code /jsz}); needs {@link Builder#monitoring()}. */
  public synchronized String monitorUrl() {
    if (!monitoring) {
      throw new IllegalStateException("monitoring is off: use NatsServer.builder().monitoring()");
    }
    return "http://" + HOST + ":" + monitorPort;
  }

  @Override
  protected synchronized void choosePorts() {
    super.choosePorts();
    if (monitoring) {
      monitorPort = FreePorts.pick();
    }
  }

  @Override
  protected synchronized List<String> arguments() throws IOException {
    List<String> args = new ArrayList<>();
    if (maxPayload > 0) {
      // nats-server has no command-line flag for it; the flags below still apply on top
      Path config = dir().resolve("nats.conf");
      Files.writeString(config, "max_payload: " + maxPayload + "\n");
      args.addAll(List.of("-c", config.toString()));
    }
    args.addAll(List.of("-js", "-a", HOST, "-p", String.valueOf(port())));
    args.addAll(List.of("-sd", dir().toString()));
    args.addAll(List.of("--name", serverName()));
    if (monitoring) {
      args.addAll(List.of("-m", String.valueOf(monitorPort)));
    }
    if (token != null) {
      args.addAll(List.of("--auth", token));
    }
    if (user != null) {
      args.addAll(List.of("--user", user, "--pass", password));
    }
    if (clusterName != null) {
      args.addAll(List.of("--cluster_name", clusterName));
      args.addAll(List.of("--cluster", "nats://" + HOST + ":" + clusterPort));
      String routes =
          routePorts.stream()
              .map(p -> "nats://" + HOST + ":" + p)
              .collect(java.util.stream.Collectors.joining(","));
      args.addAll(List.of("--routes", routes));
    }
    return args;
  }

  /** Options for a {@link NatsServer}; everything is off by default. */
  public static final class Builder {
    private String name;
    private String token;
    private String user;
    private String password;
    private boolean monitoring;
    private long maxPayload;
    private String clusterName;
    private int clusterPort;
    private List<Integer> routePorts = List.of();

    private Builder() {}

    /** The server name ({@code --name}); defaults to {@code ofn-it-<port>}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Clients must present this token ({@code --auth}). */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Clients must log in with this user and password ({@code --user}, {@code --pass}). */
    public Builder user(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /** Serves the HTTP monitoring endpoints on a second free port ({@code -m}). */
    public Builder monitoring() {
      this.monitoring = true;
      return this;
    }

    /**
     * The largest message (headers and data) the server accepts, in bytes ({@code max_payload});
     * the server's default is 1 MiB.
     */
    public Builder maxPayload(long bytes) {
      this.maxPayload = bytes;
      return this;
    }

    /**
     * A member of JetStream cluster `name`: listens for routes on `clusterPort` and connects to the
     * other members' `routePorts`; needs a {@link #name} unique in the cluster (see {@link
     * NatsCluster}).
     */
    public Builder cluster(String name, int clusterPort, List<Integer> routePorts) {
      this.clusterName = name;
      this.clusterPort = clusterPort;
      this.routePorts = List.copyOf(routePorts);
      return this;
    }

    public NatsServer build() {
      if (token != null && user != null) {
        // nats-server accepts only one of the two on the command line
        throw new IllegalStateException("choose token or user/password authentication, not both");
      }
      return new NatsServer(this);
    }
  }
}
