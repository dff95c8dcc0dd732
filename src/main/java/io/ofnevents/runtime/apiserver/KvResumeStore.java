package io.ofnevents.runtime.apiserver;

import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Resume state in JetStream KV, under a key prefix of its own ({@code Names#apiServerStateKey}):
 * `PREFIX.rv` holds the resourceVersion delivered last, `PREFIX.o.UID` each object in the view
 * (`resourceVersion`, namespace and name on three lines). One write per delivered change: after a
 * crash between a send and its write the change is sent again, with the same id, and the bus keeps
 * one copy.
 */
final class KvResumeStore implements ResumeStore {
  private static final long LOAD_WAIT_SECONDS = 30;

  private final ResumeBucket bucket;
  private final String prefix;

  KvResumeStore(ResumeBucket bucket, String prefix) {
    this.bucket = bucket;
    this.prefix = prefix;
  }

  @Override
  public Saved load() throws Exception {
    KeyValue kv = bucket.kv();
    Map<String, Change.Entry> objects = new HashMap<>();
    String[] rv = {null};
    CountDownLatch done = new CountDownLatch(1);
    KeyValueWatcher watcher =
        new KeyValueWatcher() {
          @Override
          public void watch(KeyValueEntry e) {
            if (e.getOperation() != KeyValueOperation.PUT) return;
            String value = new String(e.getValue(), StandardCharsets.UTF_8);
            if (e.getKey().equals(prefix + ".rv")) {
              rv[0] = value;
            } else if (e.getKey().startsWith(prefix + ".o.")) {
              String[] f = value.split("\n", -1);
              if (f.length == 3) {
                objects.put(
                    e.getKey().substring(prefix.length() + 3), new Change.Entry(f[0], f[1], f[2]));
              }
            }
          }

          @Override
          public void endOfData() {
            done.countDown();
          }
        };
    try (var sub = kv.watch(prefix + ".>", watcher, KeyValueWatchOption.IGNORE_DELETE)) {
      if (!done.await(LOAD_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "reading " + prefix + " took over " + LOAD_WAIT_SECONDS + "s");
      }
    }
    // written by the watcher's thread before endOfData: the latch makes them visible here
    return new Saved(rv[0], Map.copyOf(objects));
  }

  @Override
  public void record(String uid, Change.Entry entry) throws Exception {
    KeyValue kv = bucket.kv();
    String key = prefix + ".o." + uid;
    if (entry == null) {
      kv.delete(key);
    } else {
      kv.put(key, entry.resourceVersion() + "\n" + entry.namespace() + "\n" + entry.name());
    }
  }

  @Override
  public void checkpoint(String resourceVersion) throws Exception {
    bucket.kv().put(prefix + ".rv", resourceVersion);
  }
}
