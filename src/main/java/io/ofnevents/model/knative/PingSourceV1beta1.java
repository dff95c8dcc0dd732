package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.ObjectMeta;
import io.ofnevents.model.Required;

/**
 * A PingSource of the removed sources.knative.dev/v1beta1 (seed 004): only read, and converted to
 * {@link PingSource} by {@code LegacyConversions}.
 */
public record PingSourceV1beta1(
    @Required ObjectMeta metadata, @Required Spec spec, @Doc("Ignored on input.") Object status) {

  /** The v1beta1 spec: `jsonData` instead of `contentType`, `data` and `dataBase64`. */
  public record Spec(
      @Required Destination sink,
      CloudEventOverrides ceOverrides,
      String schedule,
      String timezone,
      @Doc("JSON body of each tick; text that is not a JSON object is sent as {\"body\": text}.")
          String jsonData) {}
}
