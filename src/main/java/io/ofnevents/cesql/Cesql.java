package io.ofnevents.cesql;

import io.cloudevents.CloudEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * CloudEvents SQL v1 through the CloudEvents Java SDK's `cloudevents-sql`, the implementation
 * Knative's own CESQL filter mirrors (sdk-go `sql/v2`).
 *
 * <p>Why a class loader: `cloudevents-sql` (latest release 4.0.1) is generated with ANTLR 4.9, and
 * the ANTLR 4.13 runtime that CEL needs refuses 4.9 parsers ("Could not deserialize ATN with
 * version 3"). The build unpacks `cloudevents-sql` and ANTLR 4.9.2 under {@value #BASE}; this class
 * loads them child-first in a loader of their own, and shares only the CloudEvents API with the
 * application, so the two ANTLR versions never meet. Loading classes is all it does: no files,
 * network or clock, and the same expression always parses and evaluates the same way.
 */
public final class Cesql {
  static final String BASE = "META-INF/ofn-events/cesql/";

  private Cesql() {}

  /** A parsed expression; evaluating it never throws (an evaluation error is no match). */
  public static final class Expression {
    private final Object parsed;
    private final String text;

    private Expression(Object parsed, String text) {
      this.parsed = parsed;
      this.text = text;
    }

    /**
     * Whether the expression is true for `event`. As Knative: an evaluation error (a missing
     * attribute, a failed cast) is no match, and so is a result that is not boolean true.
     */
    public boolean matches(CloudEvent event) {
      try {
        Object result = Engine.EVALUATE.invoke(parsed, event);
        if ((Boolean) Engine.IS_FAILED.invoke(result)) return false;
        return Boolean.TRUE.equals(Engine.VALUE.invoke(result));
      } catch (InvocationTargetException e) {
        return false; // e.g. an attribute that is not a valid URI: an evaluation error
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("CESQL evaluation of " + text + " failed", e);
      }
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * Parses `expression`.
   *
   * @throws CesqlSyntaxException with the 1-based column of the error
   */
  public static Expression parse(String expression) throws CesqlSyntaxException {
    // The SDK's own error listener fails on errors without a RecognitionException (an extraneous
    // token) and lets lexer errors through to stderr; this pass reports each with its column.
    Diagnostics.check(expression, Engine.LOADER);
    try {
      return new Expression(Engine.PARSE.invoke(null, expression), expression);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause.getClass().getName().equals("io.cloudevents.sql.ParseException")) {
        throw new CesqlSyntaxException(message(cause), column(cause));
      }
      throw new CesqlSyntaxException(String.valueOf(cause.getMessage()), 1);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot use cloudevents-sql", e);
    }
  }

  private static String message(Throwable parseException) {
    String m = String.valueOf(parseException.getMessage());
    // The SDK prefixes "[line:column]" style positions itself; keep only the reason.
    return m.replaceAll("\\s+", " ").trim();
  }

  private static int column(Throwable parseException) {
    try {
      Object interval = parseException.getClass().getMethod("getInterval").invoke(parseException);
      if (interval == null) return 1;
      return interval.getClass().getField("a").getInt(interval) + 1;
    } catch (ReflectiveOperationException e) {
      return 1;
    }
  }

  /** The engine, loaded on first use. */
  private static final class Engine {
    static final ClassLoader LOADER;
    static final Method PARSE;
    static final Method EVALUATE;
    static final Method IS_FAILED;
    static final Method VALUE;

    static {
      try {
        ClassLoader loader = new IsolatingLoader(urls(), Cesql.class.getClassLoader());
        LOADER = loader;
        PARSE =
            loader.loadClass("io.cloudevents.sql.Parser").getMethod("parseDefault", String.class);
        EVALUATE =
            loader
                .loadClass("io.cloudevents.sql.Expression")
                .getMethod("evaluate", CloudEvent.class);
        Class<?> result = loader.loadClass("io.cloudevents.sql.Result");
        IS_FAILED = result.getMethod("isFailed");
        VALUE = result.getMethod("value");
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private static URL[] urls() {
      ClassLoader cl = Cesql.class.getClassLoader();
      URL sql = cl.getResource(BASE + "sql/io/cloudevents/sql/Parser.class");
      URL antlr = cl.getResource(BASE + "antlr/org/antlr/v4/runtime/Parser.class");
      if (sql == null || antlr == null) {
        throw new IllegalStateException(BASE + " is missing: build with mvn (unpack-cesql)");
      }
      return new URL[] {
        root(sql, "io/cloudevents/sql/Parser.class"),
        root(antlr, "org/antlr/v4/runtime/Parser.class")
      };
    }

    /** The directory URL a class file was found under (works inside the jar and in target/). */
    private static URL root(URL classFile, String relative) {
      String s = classFile.toExternalForm();
      try {
        return new URL(s.substring(0, s.length() - relative.length()));
      } catch (java.net.MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Child-first for ANTLR and cloudevents-sql, parent-first (shared) for everything else. */
  private static final class IsolatingLoader extends URLClassLoader {
    IsolatingLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("org.antlr.") && !name.startsWith("io.cloudevents.sql.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) c = findClass(name);
        if (resolve) resolveClass(c);
        return c;
      }
    }
  }
}
