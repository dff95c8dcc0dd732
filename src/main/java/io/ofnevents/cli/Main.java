package io.ofnevents.cli;

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
      CommandLine.HelpCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (tests call this). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          // Unexpected failures: one line for the user; the stack trace only with --verbose.
          cmd.getErr().println("ofn-events: " + e.getMessage());
          if (Boolean.getBoolean("ofn.verbose")) e.printStackTrace(cmd.getErr());
          return 2;
        });
    return cli.execute(args);
  }
}
