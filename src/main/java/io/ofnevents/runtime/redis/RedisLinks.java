package io.ofnevents.runtime.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redisson clients of one context, shared by the consumers with the same settings: each client
 * has its own netty threads, timers and a pool of 24 idle connections to start with, so a client
 * per route made every Redis source cost tens of threads and megabytes. A client serves at most
 * {@link #USERS} consumers: each stream consumer holds a pooled connection for its blocking read
 * (Redisson's pool is 64 unless `poolSize` says otherwise).
 */
final class RedisLinks {
  static final int USERS = 32;

  private final Map<RedisSettings, List<RedisLink>> links = new HashMap<>();
  private final Map<RedisLink, Integer> users = new IdentityHashMap<>();

  /** A client for `settings` with room for one more consumer. */
  synchronized RedisLink acquire(RedisSettings settings) {
    List<RedisLink> same = links.computeIfAbsent(settings, k -> new ArrayList<>());
    for (RedisLink link : same) {
      if (users.get(link) < USERS) {
        users.merge(link, 1, Integer::sum);
        return link;
      }
    }
    RedisLink link = new RedisLink(settings, "ofn-events");
    same.add(link);
    users.put(link, 1);
    return link;
  }

  /** A consumer is done with `link`; the last one closes it. */
  synchronized void release(RedisLink link) {
    Integer left = users.merge(link, -1, Integer::sum);
    if (left != null && left > 0) return;
    users.remove(link);
    links.values().forEach(l -> l.remove(link));
    link.close();
  }
}
