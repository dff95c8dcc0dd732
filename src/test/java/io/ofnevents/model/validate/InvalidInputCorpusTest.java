package io.ofnevents.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.Problem;
import io.ofnevents.model.address.AddressBook;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under `src/test/resources/invalid/` is rejected with exactly the messages in its
 * `.expected` file: at least one error, each line `file:line: Kind ns/name: field: message`.
 */
class InvalidInputCorpusTest {
  static final Path DIR = Path.of("src/test/resources/invalid");

  static Stream<Path> cases() throws IOException {
    return Files.list(DIR).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedWithTheExpectedMessages(Path file) throws IOException {
    String label = "invalid/" + file.getFileName();
    LoadResult loaded = YamlLoader.load(label, Files.readString(file), "default");
    List<Problem> problems = new ArrayList<>(loaded.problems());
    // As `validate` sees it: standalone, no --address.
    problems.addAll(
        Validator.validate(loaded.resources(), Addressing.standalone(AddressBook.EMPTY)));
    if (problems.stream().noneMatch(Problem::isError)) {
      problems.addAll(
          Compiler.compile(loaded.resources(), CompileOptions.standalone("test")).problems());
    }
    problems.sort(Problem.ORDER);
    assertThat(problems).as("%s must be rejected", file).anyMatch(Problem::isError);
    String actual =
        problems.stream().map(Problem::format).collect(Collectors.joining("\n", "", "\n"));
    assertThat(actual).doesNotContain("Exception", "\tat ");
    Golden.check(Path.of(file.toString().replace(".yaml", ".expected")), actual);
  }
}
