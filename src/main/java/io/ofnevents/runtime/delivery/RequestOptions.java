package io.ofnevents.runtime.delivery;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * What an HTTP sink's requests carry besides the event, and what it does with an answer's body.
 *
 * @param replies how a 2xx body is read ({@link Replies}); `Prefer: reply` is sent unless `NONE`
 * @param knNamespace the `Kn-Namespace` header (Knative's subscribers get it), or null
 * @param structured CloudEvents structured mode (Knative `delivery.format: json`) instead of binary
 */
@UriParams
record RequestOptions(
    @UriParam(
            javaType = "java.lang.String",
            enums = "none,event,event-or-ignore",
            defaultValue = "none",
            description =
                "What a 2xx answer's body is: none (ignored), event (Knative's reply: a CloudEvent"
                    + " that replaces the event; another non-empty body is a failure) or"
                    + " event-or-ignore (such a body is ignored).")
        Replies replies,
    @UriParam(description = "Sent as the Kn-Namespace header, as Knative does.") String knNamespace,
    @UriParam(
            name = "format",
            javaType = "java.lang.String",
            enums = "binary,json",
            defaultValue = "binary",
            description =
                "CloudEvents mode of the request: binary (ce- headers) or json (structured),"
                    + " Knative's delivery.format.")
        boolean structured) {
  static final RequestOptions PLAIN = new RequestOptions(Replies.NONE, null, false);
}
