package io.ofnevents.runtime.bus.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.bus.BusOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a JetStream stream stores each subject the bus uses, before the first publish or
 * consume: the stream named by the bus, else `Names.stream(subject)`, else a stream that already
 * stores the subject (created by someone else; used as is). Creating and updating is idempotent and
 * safe when several processes do it at once; the result is remembered per subject until {@link
 * #forget} (a publish that found no stream).
 */
final class Streams {
  private static final Logger LOG = LoggerFactory.getLogger(Streams.class);
  static final int NOT_FOUND = 10059;
  static final int NAME_IN_USE = 10058;
  static final int SUBJECTS_OVERLAP = 10065;
  private static final int ATTEMPTS = 10;

  private final JetStreamManagement jsm;
  private final BusOptions options;
  private final Map<String, String> known = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  Streams(JetStreamManagement jsm, BusOptions options) {
    this.jsm = jsm;
    this.options = options;
  }

  /**
   * The stream storing `subject`, created or extended if needed. Subjects of their own streams are
   * set up concurrently (1,000 Triggers start in parallel); subjects of one named stream one at a
   * time, since each adds itself to the same stream configuration.
   */
  String streamOf(String subject) throws IOException, JetStreamApiException {
    String stream = known.get(subject);
    if (stream != null) return stream;
    Object lock =
        options.stream() != null ? this : locks.computeIfAbsent(subject, k -> new Object());
    synchronized (lock) {
      stream = known.get(subject);
      if (stream == null) {
        stream = ensure(subject);
        known.put(subject, stream);
        locks.remove(subject);
      }
      return stream;
    }
  }

  /** Whether `stream` may hold other subjects than `subject` (durable names must then differ). */
  static boolean isShared(String stream, String subject) {
    return !stream.equals(Names.stream(subject));
  }

  void forget(String subject) {
    known.remove(subject);
  }

  private String ensure(String subject) throws IOException, JetStreamApiException {
    String name = options.stream() != null ? options.stream() : Names.stream(subject);
    List<String> holders = jsm.getStreamNames(subject);
    if (holders.contains(name)) {
      updateSettings(jsm.getStreamInfo(name).getConfiguration());
      return name;
    }
    if (!holders.isEmpty()) {
      if (options.stream() != null) {
        throw new IllegalStateException(
            "subject "
                + subject
                + " is already stored in JetStream stream "
                + holders.get(0)
                + ", so it cannot be added to stream "
                + name
                + " (a subject belongs to one stream)");
      }
      LOG.info("Subject {} is stored in the existing stream {}: using it as is", subject, holders);
      return holders.get(0);
    }
    return addSubject(name, subject);
  }

  /**
   * Creates `name` with `subject`, or adds `subject` to it. There is no compare-and-set on a
   * stream's configuration, so after an update the subject is checked again: another process adding
   * its own subject at the same moment may have overwritten ours.
   */
  private String addSubject(String name, String subject) throws IOException, JetStreamApiException {
    // the usual case, a new subject with a stream of its own: one request, not four
    if (options.stream() == null && create(name, subject)) {
      LOG.info("Created JetStream stream {} for {}", name, subject);
      return name;
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      StreamInfo info = info(name);
      if (info == null) {
        if (create(name, subject)) LOG.info("Created JetStream stream {} for {}", name, subject);
      } else if (jsm.getStreamNames(subject).contains(name)) {
        return name;
      } else {
        List<String> subjects = new ArrayList<>(info.getConfiguration().getSubjects());
        subjects.add(subject);
        jsm.updateStream(
            StreamConfiguration.builder(info.getConfiguration()).subjects(subjects).build());
        LOG.info("Added subject {} to JetStream stream {}", subject, name);
      }
      if (jsm.getStreamNames(subject).contains(name)) return name;
      long jitter = ThreadLocalRandom.current().nextLong(10, 50L * attempt);
      LockSupport.parkNanos(Duration.ofMillis(jitter).toNanos());
    }
    throw new IllegalStateException(
        "could not add subject " + subject + " to JetStream stream " + name + " (keeps changing)");
  }

  private boolean create(String name, String subject) throws IOException, JetStreamApiException {
    try {
      StreamConfiguration.Builder b =
          StreamConfiguration.builder()
              .name(name)
              .subjects(subject)
              .storageType(storage())
              .retentionPolicy(RetentionPolicy.Limits)
              .discardPolicy(DiscardPolicy.Old);
      jsm.addStream(limits(b));
      return true;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == NAME_IN_USE) return false; // created meanwhile by someone else
      if (e.getApiErrorCode() == SUBJECTS_OVERLAP) {
        throw new IllegalStateException(
            "cannot create JetStream stream "
                + name
                + " for "
                + subject
                + ": the subject overlaps the subjects of another stream",
            e);
      }
      throw e;
    }
  }

  /** Brings the limits of a stream of ours in line with the bus spec; storage cannot change. */
  private void updateSettings(StreamConfiguration current)
      throws IOException, JetStreamApiException {
    StreamConfiguration wanted = limits(StreamConfiguration.builder(current));
    if (storage() != current.getStorageType() && warned.add(current.getName() + "/storage")) {
      LOG.warn(
          "JetStream stream {} uses {} storage but the bus asks for {}: JetStream cannot change"
              + " it; delete the stream to have it recreated",
          current.getName(),
          current.getStorageType(),
          storage());
    }
    boolean same =
        wanted.getMaxAge().equals(current.getMaxAge())
            && wanted.getDuplicateWindow().equals(current.getDuplicateWindow())
            && wanted.getReplicas() == current.getReplicas();
    if (same) return;
    jsm.updateStream(wanted);
    LOG.info(
        "Updated JetStream stream {}: maxAge={} duplicateWindow={} replicas={}",
        current.getName(),
        wanted.getMaxAge(),
        wanted.getDuplicateWindow(),
        wanted.getReplicas());
  }

  /** The settings the bus spec controls: age limit, de-duplication window, replicas. */
  private StreamConfiguration limits(StreamConfiguration.Builder b) {
    Duration maxAge = options.maxAge() == null ? Duration.ZERO : options.maxAge();
    Duration window = options.duplicateWindow();
    // JetStream refuses a duplicate window longer than the age limit.
    if (!maxAge.isZero() && window.compareTo(maxAge) > 0) window = maxAge;
    return b.replicas(options.replicas()).maxAge(maxAge).duplicateWindow(window).build();
  }

  private StorageType storage() {
    return options.storage().equals("memory") ? StorageType.Memory : StorageType.File;
  }

  private StreamInfo info(String name) throws IOException, JetStreamApiException {
    try {
      return jsm.getStreamInfo(name);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == NOT_FOUND) return null;
      throw e;
    }
  }
}
