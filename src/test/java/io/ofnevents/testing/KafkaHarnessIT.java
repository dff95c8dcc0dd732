package io.ofnevents.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the Kafka harness: produce, consume, commit, and offsets kept across a restart. */
class KafkaHarnessIT {
  @RegisterExtension static final ServerExtension<KafkaServer> kafka = ServerExtension.kafka();

  @Test
  void producesConsumesAndKeepsCommittedOffsetsAcrossARestart() throws Exception {
    KafkaClients.produce(kafka.url(), "harness", null, "one", "two");
    try (KafkaConsumer<String, String> consumer = consumer("g")) {
      consumer.subscribe(List.of("harness"));
      List<String> got = new ArrayList<>();
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (got.size() < 2 && System.nanoTime() < until) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          got.add(r.value());
        }
      }
      assertThat(got).containsExactly("one", "two");
      consumer.commitSync();
    }
    int port = kafka.port();
    kafka.server().restart();
    assertThat(kafka.port()).isEqualTo(port);
    Map<TopicPartition, OffsetAndMetadata> committed =
        KafkaClients.committed(kafka.url(), "g", "harness");
    assertThat(committed.get(new TopicPartition("harness", 0)).offset()).isEqualTo(2);
  }

  private static KafkaConsumer<String, String> consumer(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.url());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
  }
}
