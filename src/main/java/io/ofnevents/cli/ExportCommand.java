package io.ofnevents.cli;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.k8s.camelk.Export;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.load.LoadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `export PATH... -o DIR`: Camel K Integration and Kamelet manifests for `kubectl apply`. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write Camel K manifests: DIR/NAMESPACE/00-kamelet-*.yaml and 10-integration-*.yaml, one"
          + " Integration per EventSource and Trigger; apply with kubectl apply -R -f DIR.",
      "Resources defined twice across files: the last one wins, as with kubectl apply -f."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ResourceArgs resources;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "Output directory.")
  Path output;

  @Option(names = "--with-crds", description = "Also write the CRDs to DIR/crds/.")
  boolean withCrds;

  @Override
  public Integer call() throws IOException {
    // Refs resolve as in the cluster the manifests are for: --address, else a Service's DNS name.
    LoadResult loaded = resources.loadValid(spec.commandLine().getErr(), Addressing::clusterDns);
    if (loaded == null) return 1;
    Bundle bundle =
        Compiler.compile(
            loaded.resources(), new CompileOptions(resources.addressing, Version.current()));
    if (Inputs.report(bundle.problems(), spec.commandLine().getErr())) return 1;
    Export.Result result = Export.of(loaded.resources(), bundle, Version.current(), withCrds);
    if (Inputs.report(result.problems(), spec.commandLine().getErr())) return 1;
    write(result, output);
    long integrations = result.files().keySet().stream().filter(f -> f.contains("/10-")).count();
    long kamelets = result.files().keySet().stream().filter(f -> f.contains("/00-")).count();
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %d Integration(s) and %d Kamelet manifest(s) to %s%n",
            integrations, kamelets, output);
    return 0;
  }

  /** Writes the files, removing manifests a previous export left that are no longer generated. */
  static void write(Export.Result result, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> old = Files.walk(dir, 2)) {
        for (Path p : old.filter(Files::isRegularFile).toList()) {
          String rel = dir.relativize(p).toString().replace('\\', '/');
          boolean ours = Export.GENERATED.matcher(p.getFileName().toString()).matches();
          if (ours && !result.files().containsKey(rel)) Files.delete(p);
        }
      }
    }
    for (var e : result.files().entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
    }
  }
}
