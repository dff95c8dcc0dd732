package io.ofnevents.runtime.apiserver;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.bus.nats.NatsLink;
import java.io.IOException;

/**
 * The JetStream KV bucket {@value Names#APISERVER_BUCKET} on one NATS server (and credentials),
 * shared by the resume stores of the sources whose bus it is. The server may be unreachable at
 * start: the bucket is opened at first use, which fails (and is retried by the watch) meanwhile.
 */
final class ResumeBucket implements AutoCloseable {
  private static final int STREAM_NOT_FOUND = 10059;

  private final NatsLink link;
  private final BusOptions options;
  private volatile KeyValue kv;

  ResumeBucket(BusOptions options) {
    this.options = options;
    this.link =
        NatsLink.open(
            options, "ofn-events apiserver state", "the resume state of the ApiServerSources");
  }

  KeyValue kv() throws IOException, JetStreamApiException {
    KeyValue k = kv;
    if (k != null) return k;
    Connection nc = link.await(NatsLink.CONNECT_WAIT);
    synchronized (this) {
      if (kv == null) {
        ensure(nc.keyValueManagement());
        kv = nc.keyValue(Names.APISERVER_BUCKET);
      }
      return kv;
    }
  }

  /** Null while the server is reachable, else why not. */
  String downReason() {
    return link.downReason();
  }

  private void ensure(KeyValueManagement kvm) throws IOException, JetStreamApiException {
    try {
      kvm.getStatus(Names.APISERVER_BUCKET);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) throw e;
      try {
        kvm.create(
            KeyValueConfiguration.builder()
                .name(Names.APISERVER_BUCKET)
                .description("ofn-events: where each ApiServerSource's watches resume")
                .storageType(
                    options.storage().equals("memory") ? StorageType.Memory : StorageType.File)
                .replicas(options.replicas())
                .maxHistoryPerKey(1)
                .build());
      } catch (JetStreamApiException raced) {
        kvm.getStatus(Names.APISERVER_BUCKET); // another replica created it meanwhile
      }
    }
  }

  @Override
  public void close() {
    link.close();
  }
}
