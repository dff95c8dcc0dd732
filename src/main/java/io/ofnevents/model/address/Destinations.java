package io.ofnevents.model.address;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Reference;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KReference;
import io.ofnevents.model.knative.SequenceStep;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one destination resolver of both APIs. A `ref` to one of our addressables (a Broker, Sequence
 * or Parallel of the input) is that resource, whose events go onto its (first) bus subject; a
 * Knative `Service` or `v1` `Service` or an OpenFunction `Function` is an HTTP URL, from what the
 * operator resolved, else an `--address` entry, else (export, operator) the cluster DNS name of a
 * Service. Pure.
 */
public final class Destinations {
  /** Addressable kinds of the input by (API group, kind name): their events stay on the bus. */
  private static final Map<String, Kind> ADDRESSABLES =
      Map.of(
          "eventing.knative.dev/Broker", Kind.KN_BROKER,
          "flows.knative.dev/Sequence", Kind.KN_SEQUENCE,
          "flows.knative.dev/Parallel", Kind.KN_PARALLEL);

  static final String SUPPORTED =
      "serving.knative.dev/v1 Service, v1 Service, core.openfunction.io/v1beta1 or v1beta2"
          + " Function, eventing.knative.dev/v1 Broker, flows.knative.dev/v1 Sequence or Parallel";

  private Destinations() {}

  /** A ref of either API, its namespace filled in. */
  public record Ref(String kind, String apiVersion, String group, String name, String namespace) {
    public static Ref of(KReference r, String ownerNamespace) {
      return new Ref(
          r.kind(),
          r.apiVersion(),
          r.apiGroup(),
          r.name(),
          r.namespace() == null ? ownerNamespace : r.namespace());
    }

    public static Ref of(Reference r, String ownerNamespace) {
      String group =
          r.apiVersion() == null
              ? null
              : r.apiVersion().contains("/")
                  ? r.apiVersion().substring(0, r.apiVersion().indexOf('/'))
                  : "";
      return new Ref(
          r.kind(),
          r.apiVersion(),
          group,
          r.name(),
          r.namespace() == null ? ownerNamespace : r.namespace());
    }

    /** `serving.knative.dev/v1 Service default/web`. */
    public String describe() {
      String api = apiVersion != null ? apiVersion : group;
      return (api == null || api.isEmpty() ? "" : api + " ") + kind + " " + namespace + "/" + name;
    }

    /** The key of what the operator resolved from the cluster ({@link Addressing#resolved()}). */
    public Reference key() {
      return new Reference(kind, apiVersion, name, namespace);
    }
  }

  /** The addressable of the input `ref` names (a Broker, Sequence or Parallel), if it names one. */
  public static Optional<ResourceId> addressable(Ref ref) {
    Kind k = ADDRESSABLES.get(ref.group() + "/" + ref.kind());
    return k == null
        ? Optional.empty()
        : Optional.of(new ResourceId(k, ref.namespace(), ref.name()));
  }

  /**
   * Every ref a resource sends events to, namespace filled in: those of its Knative destinations (a
   * Sequence step's inline ones too) and of its OpenFunction sinks given by `ref` only (upstream: a
   * `uri` wins). Read from the records' components, so a new kind whose destinations are {@link
   * Destination}s needs nothing here.
   */
  public static List<Ref> refsOf(Resource r) {
    List<Ref> refs = new ArrayList<>();
    collect(r, r.namespace(), refs);
    return refs;
  }

  private static void collect(Object node, String namespace, List<Ref> into) {
    if (node instanceof SequenceStep step) {
      // a step holds Knative's Destination fields inline
      collect(step.destination(), namespace, into);
    } else if (node instanceof Destination d) {
      if (d.ref() != null) into.add(Ref.of(d.ref(), namespace));
    } else if (node instanceof SinkSpec s) {
      if (s.ref() != null && s.uri() == null) into.add(Ref.of(s.ref(), namespace));
    } else if (node instanceof Record rec) {
      for (RecordComponent c : rec.getClass().getRecordComponents()) {
        try {
          collect(c.getAccessor().invoke(rec), namespace, into);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    } else if (node instanceof Collection<?> c) {
      c.forEach(v -> collect(v, namespace, into));
    } else if (node instanceof Map<?, ?> m) {
      m.values().forEach(v -> collect(v, namespace, into));
    }
  }

  /** A Knative destination: `ref`, `uri`, or `ref` plus a `uri` relative to its address. */
  public static Target resolve(
      Destination d, String ownerNamespace, ResourceSet all, Addressing a) {
    if (d.ref() == null) {
      return d.uri() == null
          ? new Target.Unresolved("expected at least one of ref or uri")
          : new Target.Url(d.uri());
    }
    Target base = resolve(Ref.of(d.ref(), ownerNamespace), all, a);
    if (d.uri() == null || !(base instanceof Target.Url url)) {
      if (d.uri() != null && base instanceof Target.Addressable) {
        return new Target.Unresolved(
            "a uri relative to a "
                + d.ref().kind()
                + " is not supported: its events stay on the bus");
      }
      return base;
    }
    return new Target.Url(relative(url.url(), d.uri()));
  }

  /** An OpenFunction sink: its `uri` when set (upstream: uri wins), else its `ref`. */
  public static Target resolve(SinkSpec s, String ownerNamespace, ResourceSet all, Addressing a) {
    if (s.uri() != null) return new Target.Url(s.uri());
    if (s.ref() == null) return new Target.Unresolved("at least one of uri or ref must be set");
    return resolve(Ref.of(s.ref(), ownerNamespace), all, a);
  }

  /** A ref, whichever API it came from. */
  public static Target resolve(Ref ref, ResourceSet all, Addressing a) {
    Optional<String> unsupported = unsupported(ref.kind(), ref.group(), ref.apiVersion());
    if (unsupported.isPresent()) return new Target.Unresolved(unsupported.get());
    Kind addressable = ADDRESSABLES.get(ref.group() + "/" + ref.kind());
    if (addressable != null) {
      ResourceId id = new ResourceId(addressable, ref.namespace(), ref.name());
      if (all.get(id).isPresent() || !a.strict()) return new Target.Addressable(id);
      return new Target.Unresolved(
          id + " is not defined: a " + ref.kind() + " this run serves must be in its input");
    }
    String resolved = a.resolved().get(ref.key());
    if (resolved != null) return new Target.Url(resolved);
    Optional<String> entry =
        a.addresses().lookup(ref.kind(), ref.group(), ref.namespace(), ref.name());
    if (entry.isPresent()) return new Target.Url(entry.get());
    if (a.clusterDns() && ref.kind().equals("Service")) {
      return new Target.Url("http://" + ref.name() + "." + ref.namespace() + ".svc.cluster.local");
    }
    return new Target.Unresolved(
        "cannot resolve "
            + ref.describe()
            + " without a cluster: give its URL with --address "
            + ref.kind()
            + "/"
            + ref.namespace()
            + "/"
            + ref.name()
            + "=URL (or --addresses FILE), or deploy with the operator");
  }

  /** The message for a ref of a kind no resolver serves, or empty when it is supported. */
  public static Optional<String> unsupported(String kind, String group, String apiVersion) {
    if (kind == null || group == null) return Optional.empty(); // missing fields reported elsewhere
    boolean ok =
        switch (group) {
          case "serving.knative.dev", "" -> kind.equals("Service");
          case "core.openfunction.io" ->
              kind.equals("Function")
                  && (apiVersion == null
                      || apiVersion.matches("core\\.openfunction\\.io/v1beta[12]"));
          default -> ADDRESSABLES.containsKey(group + "/" + kind);
        };
    if (ok) return Optional.empty();
    String api = apiVersion != null ? apiVersion : group;
    return Optional.of(
        "unsupported reference " + api + ", Kind=" + kind + " (supported: " + SUPPORTED + ")");
  }

  /** `uri` resolved against `base` as Knative does (RFC 3986, an empty base path is `/`). */
  static String relative(String base, String uri) {
    try {
      URI b = new URI(base);
      if (b.getRawPath() == null || b.getRawPath().isEmpty()) {
        b = new URI(b.getScheme(), b.getRawAuthority(), "/", null, null);
      }
      return b.resolve(new URI(uri)).toString();
    } catch (URISyntaxException e) {
      return base + uri;
    }
  }
}
