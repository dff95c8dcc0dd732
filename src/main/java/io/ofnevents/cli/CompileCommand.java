package io.ofnevents.cli;

import io.ofnevents.catalog.KameletCatalog;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.model.load.LoadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `compile PATH... -o DIR`: the generated routes, application.properties and used Kamelets. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = "Write DIR/routes/*.camel.yaml, DIR/application.properties and DIR/kamelets/.")
final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ResourceArgs resources;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "Output directory.")
  Path output;

  @Override
  public Integer call() throws IOException {
    LoadResult loaded = resources.loadValid(spec.commandLine().getErr());
    if (loaded == null) return 1;
    Bundle bundle =
        Compiler.compile(
            loaded.resources(), new CompileOptions(resources.addressing, Version.current()));
    if (Inputs.report(bundle.problems(), spec.commandLine().getErr())) return 1;
    write(bundle, output);
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %d route file(s) and %d Kamelet(s) to %s%n",
            bundle.routes().size(), bundle.kamelets().size(), output);
    return 0;
  }

  /** Writes the bundle, removing route files a previous run left that are no longer generated. */
  static void write(Bundle bundle, Path dir) throws IOException {
    Path routes = Files.createDirectories(dir.resolve("routes"));
    Set<String> current =
        bundle.routes().stream().map(RouteFile::fileName).collect(Collectors.toSet());
    try (Stream<Path> old = Files.list(routes)) {
      for (Path p : old.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
        if (!current.contains(p.getFileName().toString())) Files.delete(p);
      }
    }
    for (RouteFile f : bundle.routes()) {
      Files.writeString(routes.resolve(f.fileName()), f.yaml(), StandardCharsets.UTF_8);
    }
    Files.writeString(
        dir.resolve("application.properties"),
        bundle.applicationProperties(),
        StandardCharsets.UTF_8);
    Path kamelets = Files.createDirectories(dir.resolve("kamelets"));
    for (String name : bundle.kamelets()) {
      Files.writeString(
          kamelets.resolve(name + ".kamelet.yaml"),
          KameletCatalog.read(name),
          StandardCharsets.UTF_8);
    }
  }
}
