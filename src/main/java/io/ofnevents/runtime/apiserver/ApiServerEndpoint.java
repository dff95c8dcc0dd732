package io.ofnevents.runtime.apiserver;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** `ofn-apiserver:APIVERSION/KIND?source=NS/NAME&...`: the changes of one kind, for one source. */
final class ApiServerEndpoint extends DefaultEndpoint {
  private final WatchOptions options;

  ApiServerEndpoint(String uri, ApiServerComponent component, WatchOptions options) {
    super(uri, component);
    this.options = options;
  }

  WatchOptions options() {
    return options;
  }

  @Override
  public ApiServerComponent getComponent() {
    return (ApiServerComponent) super.getComponent();
  }

  @Override
  public Producer createProducer() {
    throw new UnsupportedOperationException("ofn-apiserver only consumes (it watches the API)");
  }

  @Override
  public Consumer createConsumer(Processor processor) throws Exception {
    ApiServerConsumer c = new ApiServerConsumer(this, processor);
    configureConsumer(c);
    return c;
  }
}
