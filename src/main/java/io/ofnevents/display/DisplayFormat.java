package io.ofnevents.display;

import io.ofnevents.runtime.cloudevents.CloudEvent;
import java.io.PrintStream;

/** How `ofn-events display` prints one event. */
public enum DisplayFormat {
  /** Knative's event_display, character for character ({@link KnativeFormat}). */
  KNATIVE,
  /** Ours: method and path on the first line, attributes sorted, always a `Data,` section. */
  OFN;

  void print(PrintStream out, String request, CloudEvent event, boolean base64Data) {
    if (this == KNATIVE) KnativeFormat.print(out, event, base64Data);
    else OfnFormat.print(out, request, event);
  }
}
