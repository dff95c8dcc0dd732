package io.ofnevents.model.address;

import io.ofnevents.model.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * URLs of addressable objects outside ofn-events, for runs without a cluster: `run --address
 * KIND/[NAMESPACE/]NAME=URL` (repeatable) and `--addresses FILE` (a YAML map of the same keys).
 * KIND is a kind name (`Service`, `Function`), matched case-insensitively, optionally qualified
 * with its API group (`Service.serving.knative.dev`); an entry without NAMESPACE serves every
 * namespace. The most specific entry wins: with a namespace over without, with a group over
 * without.
 */
public final class AddressBook {
  public static final AddressBook EMPTY = new AddressBook(List.of());

  /** One entry: the key as written, and the URL. */
  public record Entry(String kind, String group, String namespace, String name, String url) {
    int specificity() {
      return (namespace == null ? 0 : 2) + (group == null ? 0 : 1);
    }

    boolean matches(String k, String g, String ns, String n) {
      return kind.equalsIgnoreCase(k)
          && name.equals(n)
          && (namespace == null || namespace.equals(ns))
          && (group == null || group.equals(g));
    }
  }

  private final List<Entry> entries;

  private AddressBook(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** This book and `other`; entries of `other` come later and win ties. */
  public AddressBook plus(AddressBook other) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(other.entries);
    return new AddressBook(all);
  }

  /**
   * The URL of object `name` of kind `kind` (API group `group`, `""` for the core group) in
   * `namespace`, if an entry names it.
   */
  public Optional<String> lookup(String kind, String group, String namespace, String name) {
    Entry best = null;
    for (Entry e : entries) {
      if (e.matches(kind, group, namespace, name)
          && (best == null || e.specificity() >= best.specificity())) {
        best = e;
      }
    }
    return Optional.ofNullable(best).map(Entry::url);
  }

  /**
   * Parses `--address` values.
   *
   * @throws IllegalArgumentException with a one-line message naming the bad value
   */
  public static AddressBook parse(List<String> values) {
    List<Entry> entries = new ArrayList<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "--address " + v + ": expected KIND/[NAMESPACE/]NAME=URL");
      }
      entries.add(entry(v.substring(0, eq), v.substring(eq + 1), "--address " + v));
    }
    return new AddressBook(entries);
  }

  /** Parses the map of an `--addresses` file; problems are reported against `file`. */
  public static AddressBook of(
      String file, Map<String, Integer> lines, Map<String, String> map, List<Problem> problems) {
    List<Entry> entries = new ArrayList<>();
    map.forEach(
        (key, url) -> {
          try {
            entries.add(entry(key, url, key));
          } catch (IllegalArgumentException e) {
            problems.add(
                Problem.error(file, lines.getOrDefault(key, 0), null, null, e.getMessage()));
          }
        });
    return new AddressBook(entries);
  }

  static Entry entry(String key, String url, String what) {
    String[] parts = key.split("/", -1);
    if (parts.length < 2
        || parts.length > 3
        || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(what + ": expected KIND/[NAMESPACE/]NAME=URL");
    }
    String kind = parts[0];
    String group = null;
    int dot = kind.indexOf('.');
    if (dot > 0) {
      group = kind.substring(dot + 1).toLowerCase(Locale.ROOT);
      kind = kind.substring(0, dot);
    }
    String namespace = parts.length == 3 ? parts[1] : null;
    String name = parts[parts.length - 1];
    checkUrl(url, what);
    return new Entry(kind, group, namespace, name, url);
  }

  private static void checkUrl(String url, String what) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            what + ": \"" + url + "\" is not an http or https URL with a host");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          what + ": \"" + url + "\" is not a valid URL: " + e.getReason());
    }
  }
}
