package io.ofnevents.compile;

import io.ofnevents.model.Input;
import io.ofnevents.model.Trigger;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The topics a Trigger's inputs read, as the compiler groups them (one consumer per topic) and the
 * console draws them: an EventSource event's topic, or a Knative Broker's subject.
 */
public final class TriggerInputs {
  private TriggerInputs() {}

  /** Input names by the topic they read; inputs of one topic share a consumer. */
  public static Map<String, TreeSet<String>> byTopic(Trigger t) {
    Map<String, TreeSet<String>> byTopic = new TreeMap<>();
    t.spec()
        .inputs()
        .forEach(
            (name, input) ->
                byTopic.computeIfAbsent(topicOf(t, input), k -> new TreeSet<>()).add(name));
    return byTopic;
  }

  /** The topic (bus subject) input `input` of `t` reads. */
  public static String topicOf(Trigger t, Input input) {
    String ns = input.namespace() == null ? t.namespace() : input.namespace();
    return input.readsBroker()
        ? Names.brokerSubject(ns, input.broker())
        : Names.topic(ns, input.eventSource(), input.event());
  }
}
