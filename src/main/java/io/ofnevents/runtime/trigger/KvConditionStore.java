package io.ofnevents.runtime.trigger;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.StorageType;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.bus.nats.NatsLink;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * `conditionState.store: nats`: the state of one Trigger as one key of a JetStream KV bucket, so it
 * survives restarts and every replica sees the same inputs. Each change is a read followed by an
 * update conditioned on the revision read; when another replica wrote in between, it is redone.
 */
public final class KvConditionStore implements ConditionStore {
  static final int WRONG_LAST_SEQUENCE = 10071;
  static final int STREAM_NOT_FOUND = 10059;
  private static final int ATTEMPTS = 100;

  private final Bucket bucket;
  private final boolean ownsBucket;
  private final String key;
  private final Duration window;
  private final boolean keepEvents;

  private KvConditionStore(
      Bucket bucket, boolean ownsBucket, String key, Duration window, boolean keepEvents) {
    this.bucket = bucket;
    this.ownsBucket = ownsBucket;
    this.key = key;
    this.window = window;
    this.keepEvents = keepEvents;
  }

  /**
   * The state bucket on one NATS connection, shared by the stores of every Trigger on the same
   * servers: one connection and one bucket check for 1,000 Triggers, not 1,000 of each.
   */
  public static final class Bucket implements AutoCloseable {
    private final NatsLink link;
    private final BusOptions options;
    private volatile KeyValue kv;

    private Bucket(NatsLink link, BusOptions options) {
      this.link = link;
      this.options = options;
    }

    /**
     * Connects now if the server answers, else keeps trying in the background; a bucket we cannot
     * use fails at once, as a wrong server would.
     */
    public static Bucket open(BusOptions o, String name, String what) {
      Bucket b = new Bucket(NatsLink.open(o, name, what), o);
      if (b.link.connection() != null) {
        try {
          b.kv();
        } catch (RuntimeException e) {
          b.close();
          throw e;
        }
      }
      return b;
    }

    /** The bucket, made sure of once the server was reached. */
    KeyValue kv() {
      KeyValue k = kv;
      if (k != null) return k;
      Connection nc = link.await(NatsLink.CONNECT_WAIT);
      synchronized (this) {
        if (kv == null) {
          try {
            ensureBucket(nc.keyValueManagement(), options);
            kv = nc.keyValue(Names.STATE_BUCKET);
          } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(
                "cannot open the condition state bucket "
                    + Names.STATE_BUCKET
                    + ": "
                    + e.getMessage(),
                e);
          }
        }
        return kv;
      }
    }

    String downReason() {
      return link.downReason();
    }

    @Override
    public void close() {
      link.close();
    }
  }

  /**
   * A store on a connection of its own; `trigger` is `namespace/name`. A server not reachable yet
   * is waited for in the background: updates wait for it (then fail, and the event is redelivered).
   */
  public static KvConditionStore open(
      BusOptions o, String trigger, Duration window, boolean keepEvents) {
    Bucket bucket =
        Bucket.open(o, "ofn-events state " + trigger, "the condition state of Trigger " + trigger);
    return new KvConditionStore(bucket, true, key(trigger), window, keepEvents);
  }

  /**
   * A store of Trigger `trigger` (`namespace/name`) in a shared bucket, which it does not close.
   */
  public static KvConditionStore in(
      Bucket bucket, String trigger, Duration window, boolean keepEvents) {
    return new KvConditionStore(bucket, false, key(trigger), window, keepEvents);
  }

  private static String key(String trigger) {
    String[] id = trigger.split("/", 2);
    return Names.triggerStateKey(id[0], id.length > 1 ? id[1] : id[0]);
  }

  /** Null while the state store is reachable, else why not (for /health/ready). */
  @Override
  public String downReason() {
    return bucket.downReason();
  }

  private static void ensureBucket(KeyValueManagement kvm, BusOptions o)
      throws IOException, JetStreamApiException {
    try {
      kvm.getStatus(Names.STATE_BUCKET);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) throw e;
      try {
        kvm.create(
            KeyValueConfiguration.builder()
                .name(Names.STATE_BUCKET)
                .description("ofn-events Trigger condition state")
                .storageType(o.storage().equals("memory") ? StorageType.Memory : StorageType.File)
                .replicas(o.replicas())
                .maxHistoryPerKey(1)
                .build());
      } catch (JetStreamApiException raced) {
        kvm.getStatus(
            Names.STATE_BUCKET); // created by another replica meanwhile: fine if it exists
      }
    }
  }

  @Override
  public Snapshot record(Collection<String> names, String eventId, StoredEvent event, Instant now)
      throws Exception {
    Map<String, InputState> state =
        update(
            inputs -> {
              for (String name : names) {
                inputs.put(name, new InputState(now, eventId, null, keepEvents ? event : null));
              }
              return inputs;
            });
    return StateRules.snapshot(state, eventId, now, window);
  }

  @Override
  public boolean consume(Set<String> names, Snapshot snapshot) throws Exception {
    boolean[] claimed = {true};
    update(
        inputs -> {
          Map<String, InputState> changed = StateRules.consume(inputs, names, snapshot);
          if (changed == null) claimed[0] = false;
          if (changed == null || changed.isEmpty()) return null;
          inputs.putAll(changed);
          return inputs;
        });
    return claimed[0];
  }

  @Override
  public Map<String, InputState> current() throws IOException, JetStreamApiException {
    KeyValueEntry entry = bucket.kv().get(key);
    boolean present = entry != null && entry.getOperation() == KeyValueOperation.PUT;
    return present ? StateCodec.decode(entry.getValue()) : Map.of();
  }

  /** Applies `change` atomically; a null result means "nothing to write". */
  private Map<String, InputState> update(UnaryOperator<Map<String, InputState>> change)
      throws IOException, JetStreamApiException {
    KeyValue kv = bucket.kv();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      KeyValueEntry entry = bucket.kv().get(key);
      boolean present = entry != null && entry.getOperation() == KeyValueOperation.PUT;
      Map<String, InputState> inputs =
          present ? StateCodec.decode(entry.getValue()) : new HashMap<>();
      Map<String, InputState> next = change.apply(inputs);
      if (next == null) return inputs;
      byte[] value = StateCodec.encode(next);
      try {
        if (entry == null) kv.create(key, value);
        else kv.update(key, value, entry.getRevision());
        return next;
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) throw e;
        // another replica changed the state since we read it: read again and redo
        long jitter = ThreadLocalRandom.current().nextLong(1, 5L + attempt);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(jitter));
      }
    }
    throw new IllegalStateException(
        "condition state " + key + " changed " + ATTEMPTS + " times while updating it");
  }

  @Override
  public void close() {
    if (ownsBucket) bucket.close();
  }
}
