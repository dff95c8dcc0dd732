package io.ofnevents.runtime.bus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a stable identity of this process among the replicas of a Trigger or EventSource:
 * `OFN_REPLICA_ID`, else `HOSTNAME` (the pod name in Kubernetes), else the host name. Two processes
 * on one host need `OFN_REPLICA_ID` to tell them apart.
 */
public final class ReplicaId {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaId.class);

  private ReplicaId() {}

  public static String detect() {
    String id = System.getenv("OFN_REPLICA_ID");
    if (isBlank(id)) id = System.getenv("HOSTNAME");
    if (isBlank(id)) {
      try {
        id = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        id = UUID.randomUUID().toString();
        LOG.warn("No OFN_REPLICA_ID, HOSTNAME or host name: this run is replica {}", id);
      }
    }
    return id;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
