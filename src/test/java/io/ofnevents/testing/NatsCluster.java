package io.ofnevents.testing;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ClusterInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;

/**
 * A JetStream cluster of three {@link NatsServer}s on free loopback ports, each with its own store
 * directory and routes to the other two, for tests that kill a member (e.g. a stream's leader) and
 * bring it back on the same port and store.
 */
public final class NatsCluster implements AutoCloseable {
  public static final String NAME = "ofn-it";
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private final List<NatsServer> members = new ArrayList<>();

  private NatsCluster(int size) {
    List<Integer> routes = IntStream.range(0, size).mapToObj(i -> FreePorts.pick()).toList();
    for (int i = 0; i < size; i++) {
      List<Integer> others = new ArrayList<>(routes);
      others.remove(i);
      members.add(
          NatsServer.builder().name("n" + (i + 1)).cluster(NAME, routes.get(i), others).build());
    }
  }

  /** Three members, not started yet. */
  public static NatsCluster ofThree() {
    return new NatsCluster(3);
  }

  /** Starts every member, then waits until JetStream has a meta leader and answers. */
  public NatsCluster start() {
    for (NatsServer m : members) {
      if (!m.isRunning()) m.start();
    }
    Awaitility.await()
        .atMost(READY_TIMEOUT)
        .ignoreExceptions()
        .until(
            () -> {
              try (Connection nc = PlainNats.connect(url())) {
                nc.jetStreamManagement().getAccountStatistics();
                return true;
              }
            });
    return this;
  }

  /** Every member's URL, comma-separated, as a client (or the bus `url`) takes them. */
  public String url() {
    return members.stream().map(NatsServer::url).collect(Collectors.joining(","));
  }

  public List<NatsServer> members() {
    return List.copyOf(members);
  }

  /** The member JetStream names as the leader of `stream` right now. */
  public NatsServer leaderOf(JetStreamManagement jsm, String stream) throws Exception {
    ClusterInfo info = jsm.getStreamInfo(stream).getClusterInfo();
    String leader = info == null ? null : info.getLeader();
    return members.stream()
        .filter(m -> m.serverName().equals(leader))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no leader for " + stream + ": " + info));
  }

  /** The last lines of every member's log, for failure messages. */
  public String logTails(int lines) {
    return members.stream()
        .map(m -> "--- " + m.serverName() + "\n" + m.logTail(lines))
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    members.forEach(NatsServer::close);
  }
}
