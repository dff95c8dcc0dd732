package io.ofnevents.cli;

import io.ofnevents.model.load.LoadResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `validate PATH...`: every problem as file:line: Kind ns/name: field: message. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check resources; print every problem. Exit 0 when valid, 1 when not.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ResourceArgs resources;

  @Override
  public Integer call() {
    LoadResult result = resources.loadValid(spec.commandLine().getErr());
    if (result == null) return 1;
    spec.commandLine().getOut().println(result.resources().size() + " resource(s) valid");
    return 0;
  }
}
