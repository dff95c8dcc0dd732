/**
 * CloudEvents as they travel, in one place: {@link io.ofnevents.runtime.cloudevents.CloudEvent}
 * (attributes and data, 0.3 or 1.0), {@link io.ofnevents.runtime.cloudevents.Binding} (HTTP and
 * NATS: binary, structured and batch mode, percent-encoded header values), {@link
 * io.ofnevents.runtime.cloudevents.JsonFormat} (the JSON event format) and {@link
 * io.ofnevents.runtime.cloudevents.InvalidCloudEventException} (what a sender did wrong, one line).
 *
 * <p>Everything that receives or sends events uses these and nothing else: the bus drivers, the
 * HTTP sink, {@code ofn-events display}, and the Knative work built on them, a broker ingress that
 * accepts 0.3 and 1.0 in binary and structured mode ({@code Binding.HTTP.read} with a {@code
 * Binding.RawValues} that logs and counts header values taken as sent, as the bus consumers do,
 * then {@code CloudEvent.requireValid}; a 0.3 event stays 0.3) and sink replies parsed as
 * CloudEvents ({@code Binding.HTTP.read} over the response headers and body, {@code Binding.mode}
 * to tell an event from a plain body). Inside the runtime an event is Camel headers ({@code
 * CloudEvent.fromHeaders}, {@code CloudEvent.headers}). The Camel component of this package ({@code
 * ofn-cloudevents:dead-letter}) records delivery failures; source events get their attributes from
 * the ofn-cloudevents-action Kamelet, which is stock Camel steps.
 */
package io.ofnevents.runtime.cloudevents;
