package io.ofnevents.runtime.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ofnevents.runtime.observe.Meters;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-memory bus: one failing event never holds up the others or blocks publishers. */
class MemoryBusTest {
  private static BusMessage event(String id) {
    return new BusMessage(Map.of("ce-id", id), new byte[0], id);
  }

  @Test
  void anEventTheHandlerKeepsRefusingNeitherStallsTheQueueNorBlocksThePublisher() throws Exception {
    MemoryBus bus = new MemoryBus();
    Set<String> handled = ConcurrentHashMap.newKeySet();
    AtomicInteger refusals = new AtomicInteger();
    Subscription s =
        bus.subscribe(
            "topic",
            ConsumerSettings.shared("c", 1),
            (m, d) -> {
              if (m.id().equals("poison")) {
                refusals.incrementAndGet();
                throw new IllegalStateException("refused");
              }
              handled.add(m.id());
            });
    try {
      // more than the queue holds: with the poison event retried at the head, the publisher
      // would block for good once the queue is full
      int others = MemoryBus.CAPACITY + 500;
      Thread publisher =
          new Thread(
              () -> {
                try {
                  bus.publish("topic", event("poison"));
                  for (int i = 0; i < others; i++) bus.publish("topic", event("e-" + i));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      publisher.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == others);
      await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.isAlive());
      // and the refused one is still being redelivered, behind the others
      await().atMost(Duration.ofSeconds(10)).until(() -> refusals.get() >= 2);
    } finally {
      s.close();
    }
  }

  @Test
  void eventsToATopicNobodyConsumesAreCounted() throws Exception {
    MemoryBus bus = new MemoryBus();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    bus.countIn(registry);
    bus.publish("nobody", event("a"));
    bus.publish("nobody", event("b"));
    bus.publish("elsewhere", event("c"));
    assertThat(registry.get(Meters.BUS_UNCONSUMED).tag("subject", "nobody").counter().count())
        .isEqualTo(2);
    assertThat(registry.get(Meters.BUS_UNCONSUMED).tag("subject", "elsewhere").counter().count())
        .isEqualTo(1);
  }
}
