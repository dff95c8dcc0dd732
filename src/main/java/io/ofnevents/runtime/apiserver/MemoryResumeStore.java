package io.ofnevents.runtime.apiserver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resume state in this process: a route restarted (or a namespace leaving and coming back) resumes
 * where it was; a process restart starts afresh, as Knative does.
 */
final class MemoryResumeStore implements ResumeStore {
  private final Map<String, Change.Entry> objects = new ConcurrentHashMap<>();
  private volatile String resourceVersion;

  @Override
  public Saved load() {
    return new Saved(resourceVersion, Map.copyOf(objects));
  }

  @Override
  public void record(String uid, Change.Entry entry) {
    if (entry == null) objects.remove(uid);
    else objects.put(uid, entry);
  }

  @Override
  public void checkpoint(String resourceVersion) {
    this.resourceVersion = resourceVersion;
  }
}
