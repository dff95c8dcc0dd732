package io.ofnevents.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes our own Kamelets (`ofn-*`) into the routes that use them before Camel loads the routes, as
 * Camel would materialise them, but in the same route instead of one more route per use. Camel's
 * start-up does work per route that grows with the number of routes (route start checks every other
 * route; Kamelet materialisation looks routes up in a list), so 1,000 EventSources and 1,000
 * Triggers were ~9,000 routes, five of them Kamelets' per pair; written in, they are ~4,000, and an
 * event crosses two routes fewer on its way to a subscriber.
 *
 * <p>A source Kamelet (`from: kamelet:K`) gives the route its endpoint and the steps around its
 * `to: kamelet:sink`; a sink or action Kamelet (`to: kamelet:K`) is replaced by its steps. Kamelet
 * parameters, their defaults and `{{routeId}}` are filled in as Camel would; an optional
 * `{{?name}}` left empty drops its parameter. Anything else (other Kamelets, a Kamelet shape not
 * listed here, a required parameter missing) is left to Camel, which reports it as before.
 */
final class KameletInliner {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{(\\?)?([A-Za-z0-9_.-]+)(?::([^{}]*))?}}");
  private static final String SINK = "kamelet:sink";
  private static final String SOURCE = "kamelet:source";
  private static final Object DROP = new Object();

  private final Function<String, String> documents;
  private final Map<String, Optional<Template>> templates = new ConcurrentHashMap<>();
  private final AtomicInteger anonymous = new AtomicInteger();

  /** A Kamelet's template with the defaults of its properties. */
  private record Template(
      Map<String, Object> from,
      Map<String, String> defaults,
      Set<String> declared,
      boolean source) {}

  /** A required parameter has no value: this use is left to Camel, which says so. */
  private static final class Missing extends RuntimeException {
    Missing() {
      super(null, null, false, false);
    }
  }

  KameletInliner(Function<String, String> documents) {
    this.documents = documents;
  }

  /** Kamelets from `location` as the kamelet component reads it: `classpath:dir` or a directory. */
  static KameletInliner at(String location) {
    return new KameletInliner(name -> read(location, name + ".kamelet.yaml"));
  }

  /** The route YAML with our Kamelets written in; unchanged when it uses none. */
  String inline(String yaml) {
    if (!yaml.contains("kamelet:ofn-")) return yaml;
    Object doc = load(yaml);
    if (!(doc instanceof List<?> items)) return yaml;
    boolean changed = false;
    for (Object item : items) {
      if (item instanceof Map<?, ?> m && m.get("route") instanceof Map<?, ?> route) {
        changed |= route(cast(route));
      }
    }
    return changed
        ? new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
            .dumpToString(doc)
        : yaml;
  }

  private boolean route(Map<String, Object> route) {
    if (!(route.get("from") instanceof Map<?, ?> f)) return false;
    Map<String, Object> from = cast(f);
    boolean changed = false;
    Call call = Call.of(from.get("uri"), from.get("parameters"));
    Template t = call == null ? null : template(call.name);
    if (t != null
        && t.source
        && from.keySet().stream().allMatch(k -> k.matches("uri|parameters|steps"))) {
      Map<String, Object> resolved = resolve(t, call, route.get("id"));
      if (resolved != null) {
        List<Object> steps = list(resolved.get("steps"));
        int at = indexOfSink(steps);
        List<Object> merged = new ArrayList<>(steps.subList(0, at));
        merged.addAll(list(from.get("steps")));
        merged.addAll(steps.subList(at + 1, steps.size()));
        from.clear();
        from.put("uri", resolved.get("uri"));
        if (resolved.get("parameters") != null) from.put("parameters", resolved.get("parameters"));
        from.put("steps", merged);
        changed = true;
      }
    }
    if (from.get("steps") instanceof List<?> steps) {
      List<Object> out = new ArrayList<>();
      changed |= steps(steps, out);
      from.put("steps", out);
    }
    return changed;
  }

  /** Copies `steps` into `out`, each `to: kamelet:ofn-*` sink replaced by the Kamelet's steps. */
  private boolean steps(List<?> steps, List<Object> out) {
    boolean changed = false;
    for (Object step : steps) {
      List<Object> replaced = step instanceof Map<?, ?> m ? sink(cast(m)) : null;
      if (replaced != null) {
        out.addAll(replaced);
        changed = true;
      } else {
        changed |= nested(step);
        out.add(step);
      }
    }
    return changed;
  }

  /** Step lists inside a step (doTry, doCatch, multicast, filter, choice, ...). */
  private boolean nested(Object node) {
    boolean changed = false;
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> map = cast(m);
      for (Map.Entry<String, Object> e : map.entrySet()) {
        if (e.getKey().equals("steps") && e.getValue() instanceof List<?> steps) {
          List<Object> out = new ArrayList<>();
          changed |= steps(steps, out);
          e.setValue(out);
        } else {
          changed |= nested(e.getValue());
        }
      }
    } else if (node instanceof List<?> l) {
      for (Object o : l) changed |= nested(o);
    }
    return changed;
  }

  private List<Object> sink(Map<String, Object> step) {
    if (step.size() != 1 || !step.containsKey("to")) return null;
    Object to = step.get("to");
    Call call;
    if (to instanceof Map<?, ?> m) {
      Map<String, Object> target = cast(m);
      if (!target.keySet().stream().allMatch(k -> k.matches("uri|parameters"))) return null;
      call = Call.of(target.get("uri"), target.get("parameters"));
    } else {
      call = Call.of(to, null);
    }
    Template t = call == null ? null : template(call.name);
    if (t == null || t.source) return null;
    Map<String, Object> resolved = resolve(t, call, null);
    return resolved == null ? null : list(resolved.get("steps"));
  }

  /** The template's `from` with the call's parameters filled in; null when one is missing. */
  private Map<String, Object> resolve(Template t, Call call, Object parentRouteId) {
    Map<String, String> values = new LinkedHashMap<>(t.defaults);
    values.putAll(call.parameters);
    String routeId = call.routeId;
    if (routeId == null) {
      routeId = (parentRouteId == null ? "route" : parentRouteId) + "-" + call.name;
      routeId += "-" + anonymous.incrementAndGet();
    }
    values.put("routeId", routeId);
    try {
      return cast((Map<?, ?>) fill(t.from, values, t.declared));
    } catch (Missing e) {
      return null;
    }
  }

  /** `node` with the placeholders of the Kamelet's own properties (`declared`) filled in. */
  private static Object fill(Object node, Map<String, String> values, Set<String> declared) {
    if (node instanceof String s) return fill(s, values, declared);
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object v = fill(e.getValue(), values, declared);
        if (v != DROP) out.put(String.valueOf(e.getKey()), v);
      }
      return out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        Object v = fill(o, values, declared);
        if (v != DROP) out.add(v);
      }
      return out;
    }
    return node;
  }

  private static Object fill(String s, Map<String, String> values, Set<String> declared) {
    Matcher m = PLACEHOLDER.matcher(s);
    StringBuilder out = new StringBuilder();
    boolean dropped = false;
    while (m.find()) {
      String name = m.group(2);
      String value = values.get(name);
      if (value == null && !declared.contains(name)) {
        value = m.group(); // not the Kamelet's (e.g. {{env:HOME}}): Camel's to resolve
      } else if (value == null && m.group(3) != null) {
        value = m.group(3);
      } else if (value == null && m.group(1) != null) {
        value = "";
        dropped = true;
      } else if (value == null) {
        throw new Missing();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    // `{{?name}}` alone and empty: the parameter is left out, as Camel leaves it out
    if (dropped && out.isEmpty()) return DROP;
    return out.toString();
  }

  private Template template(String name) {
    if (!name.startsWith("ofn-")) return null;
    return templates.computeIfAbsent(name, n -> Optional.ofNullable(parse(n))).orElse(null);
  }

  private Template parse(String name) {
    String text = documents.apply(name);
    if (text == null) return null;
    Map<String, Object> kamelet = cast((Map<?, ?>) load(text));
    Map<String, Object> spec = cast((Map<?, ?>) kamelet.get("spec"));
    Map<String, Object> template = cast((Map<?, ?>) spec.get("template"));
    if (template.size() != 1 || !(template.get("from") instanceof Map<?, ?> f)) return null;
    Map<String, Object> from = cast(f);
    Map<String, String> defaults = new LinkedHashMap<>();
    Set<String> declared = new HashSet<>(Set.of("routeId"));
    if (spec.get("definition") instanceof Map<?, ?> d
        && d.get("properties") instanceof Map<?, ?> p) {
      for (Map.Entry<?, ?> e : p.entrySet()) {
        declared.add(String.valueOf(e.getKey()));
        if (e.getValue() instanceof Map<?, ?> prop && prop.get("default") != null) {
          defaults.put(String.valueOf(e.getKey()), String.valueOf(prop.get("default")));
        }
      }
    }
    String uri = String.valueOf(from.get("uri"));
    long kameletRefs = Pattern.compile("kamelet:").matcher(dump(template)).results().count();
    boolean source = !uri.equals(SOURCE);
    if (source) {
      // the route's steps go where `to: kamelet:sink` is; it must be there, once, at the top
      if (kameletRefs != 1 || indexOfSink(list(from.get("steps"))) < 0) return null;
    } else if (kameletRefs != 1) {
      return null; // a sink or action that calls back out of itself is Camel's to run
    }
    return new Template(from, defaults, declared, source);
  }

  private static int indexOfSink(List<Object> steps) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof Map<?, ?> m && m.size() == 1) {
        Object to = m.get("to");
        if (SINK.equals(to)) return i;
        if (to instanceof Map<?, ?> t && SINK.equals(t.get("uri")) && t.size() == 1) return i;
      }
    }
    return -1;
  }

  /** `kamelet:NAME[/ROUTE_ID][?QUERY]` with its parameters. */
  private record Call(String name, String routeId, Map<String, String> parameters) {
    static Call of(Object uri, Object parameters) {
      if (!(uri instanceof String s) || !s.startsWith("kamelet:")) return null;
      String rest = s.substring("kamelet:".length());
      Map<String, String> values = new LinkedHashMap<>();
      int q = rest.indexOf('?');
      if (q >= 0) {
        for (String pair : rest.substring(q + 1).split("&")) {
          if (pair.isEmpty()) continue;
          int eq = pair.indexOf('=');
          String k = eq < 0 ? pair : pair.substring(0, eq);
          String v = eq < 0 ? "" : pair.substring(eq + 1);
          values.put(decode(k), decode(v));
        }
        rest = rest.substring(0, q);
      }
      if (parameters instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (e.getValue() == null) continue;
          values.put(String.valueOf(e.getKey()), unraw(String.valueOf(e.getValue())));
        }
      }
      int slash = rest.indexOf('/');
      String name = slash < 0 ? rest : rest.substring(0, slash);
      String routeId = slash < 0 ? null : rest.substring(slash + 1);
      return new Call(name, routeId, values);
    }

    private static String decode(String s) {
      return s.startsWith("RAW(") ? unraw(s) : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /**
     * A Kamelet parameter's value as Camel passes it to the template: `RAW(x)` is `x` (the template
     * puts it in RAW() again where it must stay literal).
     */
    private static String unraw(String s) {
      if ((s.startsWith("RAW(") && s.endsWith(")")) || (s.startsWith("RAW{") && s.endsWith("}"))) {
        return s.substring(4, s.length() - 1);
      }
      return s;
    }
  }

  private static Object load(String yaml) {
    return new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  private static String dump(Object node) {
    return new Dump(DumpSettings.builder().build()).dumpToString(node);
  }

  private static List<Object> list(Object o) {
    List<Object> out = new ArrayList<>();
    if (o instanceof List<?> l) out.addAll(l);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static String read(String location, String file) {
    try {
      if (location.startsWith("classpath:")) {
        String dir = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
        try (InputStream in =
            KameletInliner.class.getClassLoader().getResourceAsStream(dir + "/" + file)) {
          return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      Path dir = Path.of(location.startsWith("file:") ? location.substring(5) : location);
      Path path = dir.resolve(file);
      return Files.isRegularFile(path) ? Files.readString(path) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Kamelet " + file + " from " + location, e);
    }
  }
}
