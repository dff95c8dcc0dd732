package io.ofnevents.cli;

import io.ofnevents.runtime.ApiToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The management API's one token (`run`, `operator`): `--console-token`, the env, a file. */
final class TokenOptions {
  @Option(
      names = "--console-token",
      paramLabel = "TOKEN",
      description =
          "Turns on the management API's writes (replay and drop of parked events, in the console"
              + " and /api/parked) for requests that send `Authorization: Bearer TOKEN`; read-only"
              + " without a token. Safer: the environment variable "
              + ApiToken.ENV
              + " or --api-token-file (a command line is visible to other users). Give one of"
              + " the three.")
  String consoleToken;

  @Option(
      names = "--api-token-file",
      paramLabel = "FILE",
      description =
          "As --console-token, with the token in FILE, read on each request (a rotated token"
              + " applies at once).")
  Path apiTokenFile;

  /**
   * The token from the one place it was given, none when none was; null after printing why there is
   * none (given twice, or an unreadable file), each line starting with `ofn-events COMMAND:`.
   */
  ApiToken apiToken(String command, String fromEnv, PrintWriter err) {
    String prefix = "ofn-events " + command + ": ";
    List<String> given = new ArrayList<>();
    if (consoleToken != null && !consoleToken.isBlank()) given.add("--console-token");
    if (fromEnv != null && !fromEnv.isBlank()) given.add(ApiToken.ENV);
    if (apiTokenFile != null) given.add("--api-token-file");
    if (given.size() > 1) {
      err.println(
          prefix
              + "the management API has one token: give --console-token, "
              + ApiToken.ENV
              + " or --api-token-file, not "
              + String.join(" and ", given));
      return null;
    }
    if (apiTokenFile != null) {
      try {
        if (Files.readString(apiTokenFile, StandardCharsets.UTF_8).isBlank()) {
          err.println(prefix + "--api-token-file " + apiTokenFile + " is empty");
          return null;
        }
      } catch (IOException e) {
        err.println(
            prefix
                + "--api-token-file "
                + apiTokenFile
                + " cannot be read ("
                + e.getClass().getSimpleName()
                + ")");
        return null;
      }
      return ApiToken.file(apiTokenFile);
    }
    return ApiToken.of(given.contains(ApiToken.ENV) ? fromEnv : consoleToken);
  }
}
