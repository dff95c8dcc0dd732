package io.ofnevents.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Parked events as `ofn-events parked` sees them, from a running runtime's API or straight from the
 * bus; each event is the JSON object of `GET /api/parked`.
 */
interface ParkedClient extends AutoCloseable {
  /** Up to `limit` parked events of owner `trigger` (`ns/name`...; every owner when null). */
  List<JsonNode> list(String trigger, int limit) throws Exception;

  /** Up to `limit` parked events of resource `ref` (`Kind/ns/name`), every owner of it. */
  List<JsonNode> listResource(String ref, int limit) throws Exception;

  /** Delivers `id` again to the subscriber that failed it; throws with why when it fails. */
  void replay(String id) throws Exception;

  void drop(String id) throws Exception;

  @Override
  default void close() throws Exception {}

  /** A failure to report in one line (not found, refused, the delivery failed again). */
  final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }
}
