package io.ofnevents.k8s.operator;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Records what loggers under a name prefix log at `level` or above while open, e.g. the errors
 * fabric8 logs when an informer's event handler throws on its own thread.
 */
final class CapturedLog implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AbstractAppender appender;

  CapturedLog(String prefix, Level level) {
    appender =
        new AbstractAppender(
            "captured-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent e) {
            if (e.getLoggerName().startsWith(prefix) && e.getLevel().isMoreSpecificThan(level)) {
              Throwable t = e.getThrown();
              lines.add(
                  e.getLoggerName()
                      + ": "
                      + e.getMessage().getFormattedMessage()
                      + (t == null ? "" : " (" + t + ")"));
            }
          }
        };
    appender.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
    context.updateLoggers();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
