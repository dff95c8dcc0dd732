package io.ofnevents.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads that do one path's work, for its CPU figure: by name prefix (ours, jnats' named after
 * the connection, Camel's) and by id (an HTTP client's event loop, whose name another client's
 * shares).
 */
record PathThreads(List<String> prefixes, Set<Long> ids) {
  static PathThreads named(List<String> prefixes) {
    return new PathThreads(prefixes, ConcurrentHashMap.newKeySet());
  }

  boolean contains(long id, String name) {
    return ids.contains(id) || prefixes.stream().anyMatch(name::startsWith);
  }
}
