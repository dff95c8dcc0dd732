package io.ofnevents.runtime.knative;

import io.ofnevents.runtime.CloudEventHeaders;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * `ofn-kn:inputs?names=a,b`: for OpenFunction Trigger inputs reading one Broker with different
 * filters, names in `ce-ofninput` the inputs whose filter matched (each evaluated once, into the
 * property `ofnKnInput.{name}`), and says in {@link #MATCHED} whether any did.
 */
final class InputsStep implements Processor {
  static final String MATCHED = "ofnKnMatched";
  static final String PREFIX = "ofnKnInput.";

  private final List<String> names;

  InputsStep(List<String> names) {
    this.names = List.copyOf(names);
  }

  @Override
  public void process(Exchange exchange) {
    List<String> matched = new ArrayList<>();
    for (String n : names) {
      if (Boolean.TRUE.equals(exchange.getProperty(PREFIX + n, Boolean.class))) matched.add(n);
    }
    exchange.getMessage().setHeader(CloudEventHeaders.INPUT, String.join(",", matched));
    exchange.setProperty(MATCHED, !matched.isEmpty());
  }
}
