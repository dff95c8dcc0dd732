package io.ofnevents.runtime.console;

import io.ofnevents.model.ResourceId;
import java.util.List;

/**
 * Events set aside after their deliveries failed, as the console lists and acts on them. Nothing
 * implements it yet but {@link #NONE}: parking is built separately, and its store is connected here
 * by one adapter (see docs/console.md).
 */
public interface ParkedEvents {
  /** No parking in this runtime: nothing is listed, nothing can be replayed or dropped. */
  ParkedEvents NONE =
      new ParkedEvents() {
        @Override
        public boolean available() {
          return false;
        }

        @Override
        public List<ParkedEvent> list(ResourceId resource, int limit) {
          return List.of();
        }

        @Override
        public int count(ResourceId resource) {
          return 0;
        }

        @Override
        public boolean replay(ResourceId resource, String id) {
          return false;
        }

        @Override
        public boolean drop(ResourceId resource, String id) {
          return false;
        }
      };

  /** Whether this runtime parks events at all (false: the console says parking is off). */
  boolean available();

  /** The newest `limit` parked events of `resource`. */
  List<ParkedEvent> list(ResourceId resource, int limit);

  int count(ResourceId resource);

  /** Delivers parked event `id` of `resource` again; false when there is no such event. */
  boolean replay(ResourceId resource, String id) throws Exception;

  /** Forgets parked event `id` of `resource`; false when there is no such event. */
  boolean drop(ResourceId resource, String id) throws Exception;
}
