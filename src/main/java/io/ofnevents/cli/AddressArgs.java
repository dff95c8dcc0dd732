package io.ofnevents.cli;

import io.ofnevents.model.Problem;
import io.ofnevents.model.address.AddressBook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import picocli.CommandLine.Option;

/**
 * `--address KIND/[NAMESPACE/]NAME=URL` (repeatable) and `--addresses FILE`: the URLs of the
 * Services and Functions that destination refs name, for runs without a cluster. Shared by every
 * command that reads resources.
 */
final class AddressArgs {
  @Option(
      names = "--address",
      paramLabel = "KIND/[NS/]NAME=URL",
      description =
          "URL of a ref's target without a cluster, e.g. Service/event-display=http://127.0.0.1:9000"
              + " (repeatable; no NS = every namespace).")
  List<String> addresses = new ArrayList<>();

  @Option(
      names = "--addresses",
      paramLabel = "FILE",
      description = "YAML map of KIND/[NS/]NAME: URL entries, as --address.")
  Path addressesFile;

  /** The book; file problems go to `problems`. Flag errors throw IllegalArgumentException. */
  AddressBook book(List<Problem> problems) {
    AddressBook book = AddressBook.EMPTY;
    if (addressesFile != null) book = book.plus(file(addressesFile, problems));
    return book.plus(AddressBook.parse(addresses));
  }

  private static AddressBook file(Path path, List<Problem> problems) {
    String name = path.normalize().toString();
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      Object doc = new Load(LoadSettings.builder().setLabel(name).build()).loadFromString(text);
      if (doc == null) return AddressBook.EMPTY;
      if (!(doc instanceof Map<?, ?> map)) {
        problems.add(
            Problem.error(name, 1, null, null, "expected a map of KIND/[NAMESPACE/]NAME: URL"));
        return AddressBook.EMPTY;
      }
      Map<String, String> entries = new TreeMap<>();
      map.forEach((k, v) -> entries.put(String.valueOf(k), String.valueOf(v)));
      return AddressBook.of(name, lines(text), entries, problems);
    } catch (IOException e) {
      problems.add(Problem.error(name, 0, null, null, "cannot read: " + e.getMessage()));
    } catch (YamlEngineException e) {
      problems.add(Problem.error(name, 0, null, null, "invalid YAML: " + e.getMessage()));
    }
    return AddressBook.EMPTY;
  }

  /** The line of each top-level key, for messages. */
  private static Map<String, Integer> lines(String text) {
    Map<String, Integer> lines = new TreeMap<>();
    String[] all = text.split("\n", -1);
    for (int i = 0; i < all.length; i++) {
      String l = all[i];
      int colon = l.indexOf(": ");
      if (!l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && colon > 0) {
        lines.putIfAbsent(l.substring(0, colon).replaceAll("^[\"']|[\"']$", ""), i + 1);
      }
    }
    return lines;
  }
}
