package io.ofnevents.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock's CRUD store with what a real API server's watch cache gives and the mock lacks: every
 * change is kept in order, a delete bumps the resourceVersion (the mock's keeps the last state's),
 * and a watch from a resourceVersion first replays the changes after it, so a watch that resumes
 * sees what happened while it was away. Every change is also the test's ground truth: {@link
 * #changes()} lists them as the API server made them, each once.
 */
final class ResumableCrud extends KubernetesCrudDispatcher {
  /** One change the API server made: its watch event type and the object after it. */
  record Made(long resourceVersion, String type, String kind, String namespace, String json) {
    public String uid() {
      return Serialization.unmarshal(json, GenericKubernetesResource.class).getMetadata().getUid();
    }
  }

  private static final Pattern WATCHED =
      Pattern.compile("^/api/v1/(?:namespaces/([^/]+)/)?([a-z]+)\\?(.*)$");
  private static final Pattern FROM = Pattern.compile("(?:^|&)resourceVersion=(\\d+)(?:&|$)");

  private final List<Made> history = new ArrayList<>();
  private final Lock writes = writeLock();
  private volatile long keptFrom;

  /**
   * The store's own write lock, held around each change and its watch events. A watch's replay
   * takes it before the history (a change takes the history inside it), so the two never wait for
   * each other the other way round; the mock has no accessor for it.
   */
  private Lock writeLock() {
    try {
      Field f = KubernetesCrudDispatcher.class.getDeclaredField("lock");
      f.setAccessible(true);
      return ((ReadWriteLock) f.get(this)).writeLock();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8's mock changed: no lock field", e);
    }
  }

  /**
   * The watch cache no longer has what came before now (compacted): a watch from an older
   * resourceVersion is answered 410 Gone, as a real API server answers it.
   */
  void expire() {
    synchronized (history) {
      keptFrom = history.isEmpty() ? 0 : history.get(history.size() - 1).resourceVersion();
    }
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    // the write lock is held (one change at a time); the history's monitor keeps replays whole
    synchronized (history) {
      if (newState != null) {
        record(oldAttributes == null ? "ADDED" : "MODIFIED", newState);
      } else if (oldAttributes != null && map.get(oldAttributes) != null) {
        GenericKubernetesResource gone =
            Serialization.unmarshal(map.get(oldAttributes), GenericKubernetesResource.class);
        gone.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
        String json = Serialization.asJson(gone);
        map.put(oldAttributes, json); // the DELETED event carries it, as a real server's does
        record("DELETED", json);
      }
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    }
  }

  private void record(String type, String json) {
    GenericKubernetesResource o = Serialization.unmarshal(json, GenericKubernetesResource.class);
    history.add(
        new Made(
            Long.parseLong(o.getMetadata().getResourceVersion()),
            type,
            o.getKind(),
            o.getMetadata().getNamespace(),
            json));
  }

  /** Every change so far, in the order the API server made them. */
  List<Made> changes() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  @Override
  public MockResponse handleWatch(String path) {
    MockResponse r = super.handleWatch(path);
    Matcher m = WATCHED.matcher(path);
    if (!m.matches() || r.getWebSocketListener() == null) return r;
    Matcher from = FROM.matcher(m.group(3));
    if (!from.find()) return r;
    long since = Long.parseLong(from.group(1));
    if (since < keptFrom) return gone(r);
    return r.withWebSocketUpgrade(
        new Replaying(
            r.getWebSocketListener(), m.group(1), m.group(2), Long.parseLong(from.group(1))));
  }

  /** A watch answered with the ERROR event a real API server sends for a compacted version. */
  private static MockResponse gone(MockResponse watch) {
    WebSocketListener mock = watch.getWebSocketListener();
    return watch.withWebSocketUpgrade(
        new WebSocketListener() {
          @Override
          public void onOpen(WebSocket ws, Response response) {
            ws.send(
                "{\"type\":\"ERROR\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Status\","
                    + "\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410,"
                    + "\"message\":\"too old resource version\"}}");
            mock.onClosed(ws, 1000, "expired"); // the mock's watch sends nothing more
          }
        });
  }

  /** Sends the changes after the watch's resourceVersion, then lets the mock's watch go on. */
  private final class Replaying extends WebSocketListener {
    private final WebSocketListener mock;
    private final String namespace;
    private final String plural;
    private final long from;

    Replaying(WebSocketListener mock, String namespace, String plural, long from) {
      this.mock = mock;
      this.namespace = namespace;
      this.plural = plural;
      this.from = from;
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      // no change between the replay and the mock's watch taking over (its replay of the objects
      // takes the read lock, which the write lock's holder may)
      writes.lock();
      try {
        replay(ws, response);
      } finally {
        writes.unlock();
      }
    }

    private void replay(WebSocket ws, Response response) {
      synchronized (history) {
        for (Made c : history) {
          if (c.resourceVersion() <= from) continue;
          if (namespace != null && !namespace.equals(c.namespace())) continue;
          // the kinds the tests watch are plural by an `s` (configmaps, pods, events)
          if (!plural.equals(c.kind().toLowerCase(Locale.ROOT) + "s")) continue;
          ws.send("{\"type\":\"" + c.type() + "\",\"object\":" + c.json() + "}");
        }
        mock.onOpen(ws, response);
      }
    }

    @Override
    public void onBeforeAccept(WebSocket ws, Response response) {
      mock.onBeforeAccept(ws, response);
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      mock.onMessage(ws, text);
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
      mock.onMessage(ws, bytes);
    }

    @Override
    public void onMessage(WebSocket ws, byte[] bytes) {
      mock.onMessage(ws, bytes);
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      mock.onClosing(ws, code, reason);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      mock.onClosed(ws, code, reason);
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      mock.onFailure(ws, t, response);
    }
  }
}
