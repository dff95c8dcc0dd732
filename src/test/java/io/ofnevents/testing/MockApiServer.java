package io.ofnevents.testing;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * The fabric8 mock API server in CRUD mode, as a cluster for the ApiServerSource tests: objects are
 * stored, resourceVersions counted, watches served over its websocket. What it lacks is said where
 * it matters: a watch ignores the resourceVersion it is asked to start from and begins with an
 * ADDED for every object, it never answers 410 Gone by itself, its label selectors know only
 * `key=value`, and it serves no discovery of the built-in kinds, so that is recorded here (the
 * mock's "mixed" mode: recorded answers first, then CRUD) from the resource lists a real API server
 * gives. It can be stopped and started again on the same port with its objects, which cuts every
 * watch as an API server restart does. {@link #startResumable} gives one whose watches resume from
 * a resourceVersion, with a second port that stays up ({@link #sideClient}) and a change log (the
 * fault tests' ground truth). The runtime reaches it through a kubeconfig file.
 */
public final class MockApiServer implements AutoCloseable {
  private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
  private final List<String> requests = new ArrayList<>();
  private final ResumableCrud resumable;
  private final Dispatcher dispatcher;
  private KubernetesMockServer server;
  private KubernetesClient client;
  private KubernetesMockServer side;
  private KubernetesClient sideClient;
  private int port;

  private MockApiServer(boolean resumes) {
    resumable = resumes ? new ResumableCrud() : null;
    dispatcher =
        resumes ? new Recorded(responses, resumable) : new KubernetesMixedDispatcher(responses);
  }

  public static MockApiServer start() {
    return startOn(0);
  }

  /** Listens on `port` (0: any free one). */
  public static MockApiServer startOn(int port) {
    return started(new MockApiServer(false), port);
  }

  /**
   * A mock whose watches resume as a real API server's do within its watch cache: a watch from a
   * resourceVersion first gets every change after it, and a delete bumps the resourceVersion
   * ({@link ResumableCrud}); {@link #changes()} lists every change made.
   */
  public static MockApiServer startResumable() {
    return started(new MockApiServer(true), 0);
  }

  private static MockApiServer started(MockApiServer m, int port) {
    m.listen(port);
    m.discovery();
    if (m.resumable != null) {
      m.side =
          new KubernetesMockServer(
              new Context(), new MockWebServer(), m.responses, m.dispatcher, false);
      m.side.init(InetAddress.getLoopbackAddress(), 0);
      m.sideClient = m.side.createClient();
    }
    return m;
  }

  /**
   * A client of the same objects through a second port that {@link #stop} leaves up (a resumable
   * mock only): changes made while the runtime's watches are cut, as other clients of a real API
   * server go on while one client's connection is down.
   */
  public KubernetesClient sideClient() {
    if (sideClient == null) throw new IllegalStateException("not a resumable mock");
    return sideClient;
  }

  /** One change the API server made, as a watch event would tell it. */
  public record Change(long resourceVersion, String type, String kind, String uid) {}

  /** Every change so far, in order (a {@link #startResumable} mock only). */
  public List<Change> changes() {
    if (resumable == null) throw new IllegalStateException("not a resumable mock");
    return resumable.changes().stream()
        .map(c -> new Change(c.resourceVersion(), c.type(), c.kind(), c.uid()))
        .toList();
  }

  /**
   * The watch cache forgets every change so far (a resumable mock only): a watch from an older
   * resourceVersion is answered 410 Gone.
   */
  public void expire() {
    if (resumable == null) throw new IllegalStateException("not a resumable mock");
    resumable.expire();
  }

  /** Recorded answers first (discovery, 403, 410), then the resumable CRUD store. */
  private static final class Recorded extends Dispatcher {
    private final Map<ServerRequest, Queue<ServerResponse>> responses;
    private final MockDispatcher recorded;
    private final ResumableCrud crud;

    Recorded(Map<ServerRequest, Queue<ServerResponse>> responses, ResumableCrud crud) {
      this.responses = responses;
      this.recorded = new MockDispatcher(responses);
      this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      Queue<ServerResponse> q =
          responses.get(
              new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
      return q != null && !q.isEmpty() ? recorded.dispatch(request) : crud.dispatch(request);
    }
  }

  private void listen(int on) {
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), on);
    port = server.getPort();
    client = server.createClient();
  }

  /** `/api/v1` and `/apis/apps/v1` as a real API server lists them (the kinds tests use). */
  private void discovery() {
    APIResourceList core = coreV1();
    APIResourceList apps =
        new APIResourceListBuilder()
            .withGroupVersion("apps/v1")
            .addNewResource()
            .withName("deployments")
            .withSingularName("deployment")
            .withNamespaced(true)
            .withKind("Deployment")
            .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
            .endResource()
            .addNewResource()
            .withName("replicasets")
            .withSingularName("replicaset")
            .withNamespaced(true)
            .withKind("ReplicaSet")
            .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
            .endResource()
            .build();
    server.expect().get().withPath("/api/v1").andReturn(200, core).always();
    server.expect().get().withPath("/apis/apps/v1").andReturn(200, apps).always();
  }

  /** `/api/v1` as a real API server lists it, for the kinds tests use (also the operator's). */
  public static APIResourceList coreV1() {
    return new APIResourceListBuilder()
        .withGroupVersion("v1")
        .addNewResource()
        .withName("pods")
        .withSingularName("pod")
        .withNamespaced(true)
        .withKind("Pod")
        .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
        .endResource()
        .addNewResource()
        .withName("pods/status")
        .withNamespaced(true)
        .withKind("Pod")
        .withVerbs("get", "patch", "update")
        .endResource()
        .addNewResource()
        .withName("events")
        .withSingularName("event")
        .withNamespaced(true)
        .withKind("Event")
        .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
        .endResource()
        .addNewResource()
        .withName("namespaces")
        .withSingularName("namespace")
        .withNamespaced(false)
        .withKind("Namespace")
        .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
        .endResource()
        .addNewResource()
        .withName("configmaps")
        .withSingularName("configmap")
        .withNamespaced(true)
        .withKind("ConfigMap")
        .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
        .endResource()
        .build();
  }

  /** A client of the test's own, to create, change and delete objects. */
  public KubernetesClient client() {
    return client;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /**
   * A kubeconfig file in `dir` for this server (context `mock`, user `tester` with a token), as a
   * user of the standalone runtime has one.
   */
  public Path kubeconfig(Path dir) {
    return kubeconfig(dir, url());
  }

  /** A kubeconfig file in `dir` for an API server at `url` (which may not be up yet). */
  public static Path kubeconfig(Path dir, String url) {
    Path file = dir.resolve("kubeconfig");
    try {
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: mock
            cluster:
              server: %s
          contexts:
          - name: mock
            context:
              cluster: mock
              user: tester
              namespace: default
          current-context: mock
          users:
          - name: tester
            user:
              token: not-a-secret
          """
              .formatted(url));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The runtime properties `run --kubeconfig FILE` sets. */
  public Map<String, String> runProperties(Path dir) {
    return propertiesFor(kubeconfig(dir));
  }

  /** The runtime properties of `run --kubeconfig kubeconfig`. */
  public static Map<String, String> propertiesFor(Path kubeconfig) {
    return Map.of(
        "camel.component.ofn-apiserver.kubeconfig", kubeconfig.toAbsolutePath().toString());
  }

  /** Stops listening: every watch is cut and requests are refused, the objects are kept. */
  public void stop() {
    drainRequests();
    client.close();
    server.destroy();
  }

  /** Listens again on the same port, with the same objects and recorded answers. */
  public void restart() {
    listen(port);
  }

  /**
   * Answers GET `path` (a list: `/api/v1/namespaces/secret/pods`) with 403 Forbidden and the
   * message a real API server gives, until {@link #allow}ed again.
   */
  public void forbid(String path, String message) {
    server
        .expect()
        .get()
        .withPath(path)
        .andReturn(
            403,
            new StatusBuilder()
                .withApiVersion("v1")
                .withKind("Status")
                .withStatus("Failure")
                .withReason("Forbidden")
                .withCode(403)
                .withMessage(message)
                .build())
        .always();
  }

  /** Removes every recorded answer for `path`. */
  public void allow(String path) {
    responses.remove(new SimpleRequest(HttpMethod.GET, path));
  }

  /**
   * The next watch of `watchPath` (the whole path and query the client sends) is answered as a real
   * API server answers a watch from a resourceVersion that left its cache: an ERROR event with a
   * 410 Gone Status.
   */
  public void expireOnce(String watchPath) {
    server
        .expect()
        .get()
        .withPath(watchPath)
        .andUpgradeToWebSocket()
        .open()
        .immediately()
        .andEmit(
            new WatchEvent(
                new StatusBuilder()
                    .withApiVersion("v1")
                    .withKind("Status")
                    .withStatus("Failure")
                    .withReason("Expired")
                    .withCode(410)
                    .withMessage("too old resource version")
                    .build(),
                "ERROR"))
        .done()
        .once();
  }

  /** The paths of every request served so far (and since the last restart). */
  public synchronized List<String> requests() {
    drainRequests();
    return List.copyOf(requests);
  }

  private synchronized void drainRequests() {
    try {
      while (true) {
        var r = server.takeRequest(1, TimeUnit.MILLISECONDS);
        if (r == null) return;
        requests.add(r.getMethod() + " " + r.getPath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
    if (side != null) {
      sideClient.close();
      side.destroy();
    }
  }
}
