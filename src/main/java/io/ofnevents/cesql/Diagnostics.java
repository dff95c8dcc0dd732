package io.ofnevents.cesql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Runs the SDK's generated CESQL lexer and parser (in the engine's class loader) with an error
 * listener of ours, the way the SDK's ParserImpl sets them up, to report the first syntax error
 * with its column.
 */
final class Diagnostics {
  private static final int MAX_MESSAGE = 160;

  private Diagnostics() {}

  static void check(String expression, ClassLoader l) throws CesqlSyntaxException {
    Object[] first = new Object[2]; // message, column
    try {
      Class<?> charStream = l.loadClass("org.antlr.v4.runtime.CharStream");
      Object input =
          l.loadClass("org.antlr.v4.runtime.CharStreams")
              .getMethod("fromString", String.class)
              .invoke(null, expression);
      Object upper =
          l.loadClass("io.cloudevents.sql.impl.parser.CaseChangingCharStream")
              .getConstructor(charStream, boolean.class)
              .newInstance(input, true);
      Object lexer =
          l.loadClass("io.cloudevents.sql.generated.CESQLParserLexer")
              .getConstructor(charStream)
              .newInstance(upper);
      Class<?> listenerType = l.loadClass("org.antlr.v4.runtime.ANTLRErrorListener");
      Object listener =
          Proxy.newProxyInstance(
              l,
              new Class<?>[] {listenerType},
              (proxy, method, args) -> {
                if (method.getName().equals("syntaxError") && first[0] == null) {
                  first[0] = args[4];
                  first[1] = (Integer) args[3] + 1;
                }
                if (method.getName().equals("equals")) return proxy == args[0];
                if (method.getName().equals("hashCode")) return System.identityHashCode(proxy);
                if (method.getName().equals("toString")) return "cesql-diagnostics";
                return null;
              });
      Class<?> recognizer = l.loadClass("org.antlr.v4.runtime.Recognizer");
      listen(recognizer, lexer, listenerType, listener);
      Object tokens =
          l.loadClass("org.antlr.v4.runtime.CommonTokenStream")
              .getConstructor(l.loadClass("org.antlr.v4.runtime.TokenSource"))
              .newInstance(lexer);
      Object parser =
          l.loadClass("io.cloudevents.sql.generated.CESQLParserParser")
              .getConstructor(l.loadClass("org.antlr.v4.runtime.TokenStream"))
              .newInstance(tokens);
      listen(recognizer, parser, listenerType, listener);
      parser.getClass().getMethod("cesql").invoke(parser);
    } catch (InvocationTargetException e) {
      if (first[0] == null) throw new CesqlSyntaxException(String.valueOf(e.getCause()), 1);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot use cloudevents-sql", e);
    }
    if (first[0] != null) {
      String message = String.valueOf(first[0]);
      if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE - 3) + "...";
      throw new CesqlSyntaxException(message, (Integer) first[1]);
    }
  }

  private static void listen(Class<?> recognizer, Object target, Class<?> type, Object listener)
      throws ReflectiveOperationException {
    recognizer.getMethod("removeErrorListeners").invoke(target);
    recognizer.getMethod("addErrorListener", type).invoke(target, listener);
  }
}
