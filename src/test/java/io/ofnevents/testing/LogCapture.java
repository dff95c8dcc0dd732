package io.ofnevents.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Records what this JVM logs while it is open (level and formatted message), for in-process tests
 * that check a key line of {@code LogLines}; runtimes in a child JVM are checked through their
 * output instead.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
  /** One logged line. */
  public record Line(Level level, String logger, String message, Throwable thrown) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();

  private LogCapture() {
    super("test-capture", null, null, true, Property.EMPTY_ARRAY);
  }

  public static LogCapture open() {
    LogCapture capture = new LogCapture();
    capture.attach();
    return capture;
  }

  private void attach() {
    start();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().addAppender(this, Level.ALL, null);
    ctx.updateLoggers();
  }

  @Override
  public void append(LogEvent event) {
    lines.add(
        new Line(
            event.getLevel(),
            event.getLoggerName(),
            event.getMessage().getFormattedMessage(),
            event.getThrown()));
  }

  /** Every line captured so far. */
  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** Lines at `level` whose message matches `pattern` (e.g. {@code LogLines.regex(...)}). */
  public List<Line> matching(Level level, Pattern pattern) {
    return lines.stream()
        .filter(l -> l.level() == level && pattern.matcher(l.message()).find())
        .toList();
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().removeAppender(getName());
    ctx.updateLoggers();
    stop();
  }
}
