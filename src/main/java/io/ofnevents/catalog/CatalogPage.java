package io.ofnevents.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Renders the catalog page (`kamelets/README.md`) from the Kamelet files: an index, then per
 * Kamelet its description and a table of its properties. Pure: text in, text out.
 */
public final class CatalogPage {
  /** The artifact Kamelets name for our components (the version is the catalog's). */
  static final String SLIM = "mvn:io.ofnevents:ofn-events-camel";

  private CatalogPage() {}

  /** The page for these Kamelet YAML texts, in name order. */
  public static String render(List<String> kameletYamls) {
    List<Map<String, Object>> kamelets = new ArrayList<>();
    for (String yaml : kameletYamls)
      kamelets.add(map(new Load(LoadSettings.builder().build()).loadFromString(yaml)));
    kamelets.sort(Comparator.comparing(CatalogPage::name));
    StringBuilder md = new StringBuilder();
    md.append("# ofn-events Kamelet catalog\n\n")
        .append(
            "<!-- Generated from kamelets/*.kamelet.yaml by io.ofnevents.catalog.CatalogPage. Do not")
        .append(" edit:\n     change the Kamelets and run `mvn test -Dtest=KameletCatalogPageTest")
        .append(" -Dofn.catalog.update=true`. -->\n\n")
        .append("Every Kamelet here works on its own in a plain Camel route or a Camel K `Pipe`; ")
        .append("`examples/routes/` and `examples/pipes/` have one of each per Kamelet. ")
        .append("**Runs on** says what each needs besides its `camel:` dependencies: nothing")
        .append(" (stock Camel 4.17), or the slim component artifact `")
        .append(SLIM)
        .append("` (our components only, no CLI or logging backend), and why.")
        .append(" Every Kamelet is `Preview` until it has run on Camel K.\n\n")
        .append("| Kamelet | Type | Title | Runs on |\n|---|---|---|---|\n");
    for (Map<String, Object> k : kamelets) {
      md.append("| [")
          .append(name(k))
          .append("](#")
          .append(name(k))
          .append(") | ")
          .append(type(k))
          .append(" | ")
          .append(cell(definition(k).get("title")))
          .append(" | ")
          .append(KameletNeeds.of(template(k)).isEmpty() ? "stock Camel" : "ofn-events-camel")
          .append(" |\n");
    }
    for (Map<String, Object> k : kamelets) kamelet(md, k);
    return md.toString();
  }

  private static void kamelet(StringBuilder md, Map<String, Object> k) {
    Map<String, Object> def = definition(k);
    md.append("\n## ").append(name(k)).append("\n\n");
    md.append(String.valueOf(def.get("description")).strip()).append("\n\n");
    List<String> needs = KameletNeeds.of(template(k));
    md.append("Dependencies: ")
        .append(String.join(", ", strings(map(k.get("spec")).get("dependencies"))))
        .append(".\n");
    if (needs.isEmpty()) {
      md.append("Runs on stock Camel: its `camel:` dependencies only.\n\n");
    } else {
      md.append("Needs ofn-events-camel for:\n");
      needs.forEach(n -> md.append("- ").append(n).append("\n"));
      md.append("\n");
    }
    md.append("Examples: [route](examples/routes/")
        .append(name(k))
        .append(".camel.yaml), [Pipe](examples/pipes/")
        .append(name(k))
        .append("-pipe.yaml).\n\n");
    Map<String, Object> props = map(def.getOrDefault("properties", Map.of()));
    if (props.isEmpty()) {
      md.append("No properties.\n");
      return;
    }
    List<?> required = def.get("required") instanceof List<?> l ? l : List.of();
    md.append("| Property | Title | Description | Type | Default | Example | Required |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    props.forEach(
        (name, value) -> {
          Map<String, Object> p = map(value);
          String type = String.valueOf(p.get("type"));
          if ("password".equals(p.get("format"))) type += " (secret)";
          if (p.get("enum") instanceof List<?> values) type += ": " + join(values);
          md.append("| `")
              .append(name)
              .append("` | ")
              .append(cell(p.get("title")))
              .append(" | ")
              .append(cell(p.get("description")))
              .append(" | ")
              .append(cell(type))
              .append(" | ")
              .append(code(p.get("default")))
              .append(" | ")
              .append(code(p.get("example")))
              .append(" | ")
              .append(required.contains(name) ? "yes" : "")
              .append(" |\n");
        });
  }

  private static String name(Map<String, Object> k) {
    return String.valueOf(map(k.get("metadata")).get("name"));
  }

  private static String type(Map<String, Object> k) {
    return String.valueOf(
        map(map(k.get("metadata")).get("labels")).get("camel.apache.org/kamelet.type"));
  }

  private static Object template(Map<String, Object> k) {
    return map(k.get("spec")).get("template");
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) l.forEach(x -> out.add("`" + x + "`"));
    return out;
  }

  private static Map<String, Object> definition(Map<String, Object> k) {
    return map(map(k.get("spec")).get("definition"));
  }

  private static String code(Object value) {
    if (value == null) return "";
    String s = String.valueOf(value);
    return s.isEmpty() ? "`\"\"`" : "`" + s.replace("|", "\\|") + "`";
  }

  private static String cell(Object value) {
    return value == null ? "" : String.valueOf(value).replace("|", "\\|").replace("\n", " ");
  }

  private static String join(List<?> values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    return String.join(", ", out);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
