package io.ofnevents.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for tests: produce records, read a group's committed offsets. */
public final class KafkaClients {
  private KafkaClients() {}

  /** Sends each value (UTF-8) with `key` (null for none) and waits for every acknowledgement. */
  public static void produce(String bootstrap, String topic, String key, String... values) {
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      for (String v : values) {
        producer
            .send(
                new ProducerRecord<>(
                    topic, key == null ? null : key.getBytes(UTF_8), v.getBytes(UTF_8)))
            .get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce to " + topic + ": " + e.getMessage(), e);
    }
  }

  public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The offsets `group` committed on `topic` (empty when it committed none). */
  public static Map<TopicPartition, OffsetAndMetadata> committed(
      String bootstrap, String group, String topic) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetAndMetadata> all =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      all.keySet().removeIf(tp -> !tp.topic().equals(topic));
      return all;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read offsets of " + group + ": " + e.getMessage(), e);
    }
  }

  /** The state and members of a consumer group, as one line for a test's diagnostics. */
  public static String members(String bootstrap, String group) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      var d =
          admin
              .describeConsumerGroups(java.util.List.of(group))
              .all()
              .get(30, TimeUnit.SECONDS)
              .get(group);
      return d.state() + " " + d.members();
    } catch (Exception e) {
      return "error " + e;
    }
  }
}
