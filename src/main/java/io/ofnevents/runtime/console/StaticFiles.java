package io.ofnevents.runtime.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The console page: our files from the jar (`console/`) and the graph libraries from their webjars
 * (Cytoscape.js and dagre, found by the version their jar records), so the page needs no network.
 * Only these names are served; anything else is a 404.
 */
final class StaticFiles implements HttpHandler {
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8");

  private final Map<String, String> files;

  StaticFiles() {
    files =
        Map.of(
            "/", "console/index.html",
            "/index.html", "console/index.html",
            "/console.js", "console/console.js",
            "/console.css", "console/console.css",
            "/vendor/cytoscape.min.js", webjar("cytoscape", "dist/cytoscape.min.js"),
            "/vendor/dagre.min.js", webjar("dagre", "dist/dagre.min.js"));
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        Http.send(
            ex, 405, "text/plain", "method not allowed\n".getBytes(StandardCharsets.UTF_8), false);
        return;
      }
      String resource = files.get(ex.getRequestURI().getPath());
      byte[] body = resource == null ? null : read(resource);
      if (body == null) {
        Http.send(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8), false);
        return;
      }
      String ext = resource.substring(resource.lastIndexOf('.') + 1);
      Http.send(ex, 200, TYPES.get(ext), body, resource.startsWith("META-INF/"));
    }
  }

  private static byte[] read(String resource) throws IOException {
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  /** The path of `file` in the webjar of npm package `name`, whatever its version. */
  static String webjar(String name, String file) {
    String props = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(props)) {
      if (in == null)
        throw new IllegalStateException("webjar " + name + " is not on the classpath");
      Properties p = new Properties();
      p.load(in);
      return "META-INF/resources/webjars/" + name + "/" + p.getProperty("version") + "/" + file;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + props + ": " + e.getMessage(), e);
    }
  }
}
