package io.ofnevents.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `ofn-events`: OpenFunction Events resources compiled to and run as Apache Camel routes. */
@Command(
    name = "ofn-events",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "OpenFunction Events (events.openfunction.io/v1alpha1) on Apache Camel.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      CompileCommand.class,
      ExportCommand.class,
      OperatorCommand.class,
      DisplayCommand.class,
      BenchCommand.class,
      ParkedCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code. */
  public static int execute(String... args) {
    return execute(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        args);
  }

  /** Runs a command line writing to `out` and `err`; tests call this. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          // Unexpected failures: one line for the user; the stack trace only with
          // -Dofn.verbose=true.
          cmd.getErr().println("ofn-events: " + e.getMessage());
          if (Boolean.getBoolean("ofn.verbose")) e.printStackTrace(cmd.getErr());
          return 2;
        });
    return cli.execute(args);
  }
}
