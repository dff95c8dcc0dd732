package io.ofnevents.runtime.apiserver;

import java.util.Map;

/**
 * Where one source's watch of one kind (in one namespace, or all) resumes: the resourceVersion of
 * the last change delivered and the objects it has seen, written as each change is delivered.
 * JetStream KV when the source's bus is JetStream ({@link KvResumeStore}), else this process's
 * memory ({@link MemoryResumeStore}).
 */
interface ResumeStore {
  /** What was saved: null resourceVersion and no objects when nothing was. */
  record Saved(String resourceVersion, Map<String, Change.Entry> objects) {}

  Saved load() throws Exception;

  /** The object `uid` is in the view as `entry` (null: it left it). */
  void record(String uid, Change.Entry entry) throws Exception;

  /** Every change up to `resourceVersion` is delivered. */
  void checkpoint(String resourceVersion) throws Exception;
}
