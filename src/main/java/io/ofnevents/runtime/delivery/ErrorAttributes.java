package io.ofnevents.runtime.delivery;

import io.ofnevents.runtime.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a delivery failed, as the CloudEvent extensions Knative gives its dead letters, for dead
 * letters and parked events alike: `ofnerrorcode` (HTTP status, or -1 when no response came),
 * `ofnerrordest` (the URL, credentials masked) and `ofnerrordata` (the response body, base64, at
 * most {@value #MAX_DATA} bytes of it; for a failure without a response, its message).
 */
public final class ErrorAttributes {
  public static final int MAX_DATA = 1024;

  private ErrorAttributes() {}

  /**
   * The `ce-knativeerror*` headers Knative gives a Trigger's dead letters (eventing
   * pkg/kncloudevents/attributes/knative_error.go): `knativeerrorcode` (500 without a response),
   * `knativeerrordest` (the subscriber's URL) and `knativeerrordata` (the response body, base64,
   * the base64 text cut at {@value #MAX_DATA} characters as Knative cuts it).
   */
  public static Map<String, String> knative(Exception e) {
    Map<String, String> h = new LinkedHashMap<>();
    byte[] data = null;
    if (e instanceof DeliveryFailedException failed) {
      h.put(KNATIVE_CODE, String.valueOf(failed.statusCode() < 0 ? 500 : failed.statusCode()));
      h.put(KNATIVE_DEST, failed.destination());
      data = failed.statusCode() < 0 ? message(e) : failed.responseBody();
    } else if (e != null) {
      h.put(KNATIVE_CODE, "500");
      data = message(e);
    }
    if (data != null && data.length > 0) {
      String base64 = Base64.getEncoder().encodeToString(data);
      h.put(KNATIVE_DATA, base64.length() > MAX_DATA ? base64.substring(0, MAX_DATA) : base64);
    }
    return h;
  }

  public static final String KNATIVE_CODE = "ce-knativeerrorcode";
  public static final String KNATIVE_DEST = "ce-knativeerrordest";
  public static final String KNATIVE_DATA = "ce-knativeerrordata";

  private static byte[] message(Exception e) {
    return String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
  }

  /** The `ce-ofnerror*` headers describing `e`. */
  public static Map<String, String> of(Exception e) {
    Map<String, String> h = new LinkedHashMap<>();
    if (e instanceof DeliveryFailedException failed) {
      h.put(CloudEventHeaders.ERROR_CODE, String.valueOf(failed.statusCode()));
      h.put(CloudEventHeaders.ERROR_DEST, failed.destination());
      byte[] body = failed.responseBody();
      if (body != null && body.length > 0) {
        byte[] cut = Arrays.copyOf(body, Math.min(body.length, MAX_DATA));
        h.put(CloudEventHeaders.ERROR_DATA, Base64.getEncoder().encodeToString(cut));
      }
    } else if (e != null) {
      h.put(CloudEventHeaders.ERROR_CODE, "-1");
      byte[] msg = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
      h.put(
          CloudEventHeaders.ERROR_DATA,
          Base64.getEncoder().encodeToString(Arrays.copyOf(msg, Math.min(msg.length, MAX_DATA))));
    }
    return h;
  }
}
