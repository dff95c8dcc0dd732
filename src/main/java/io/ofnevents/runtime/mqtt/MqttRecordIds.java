package io.ofnevents.runtime.mqtt;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * Record ids for the messages of one MQTT consumer, the same for a QoS 1/2 message each time the
 * broker sends it again. MQTT has no message identity: the packet id names a message only while it
 * is unacknowledged and is then reused. But a resend carries the DUP flag and its original packet
 * id (MQTT 3.1.1, 4.4), so a DUP message whose packet id, topic and payload match the last message
 * seen with that packet id is that message and gets its id back. Ids are `{tag}-{n}`: a random tag
 * per consumer start and a counter, so they never repeat; after a restart of the process the
 * broker's resend is a new id (what the packet id meant died with the process).
 */
final class MqttRecordIds {
  private static final int PACKET_IDS = 1 << 16;

  private final String tag;
  private long next;
  // by packet id, allocated with the first QoS 1/2 message: the counter and the topic+payload hash
  private long[] numbers;
  private int[] hashes;

  MqttRecordIds() {
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    this.tag = HexFormat.of().formatHex(random);
  }

  /** The record id of `message`, received on `topic`. Paho calls back on one thread at a time. */
  synchronized String idOf(String topic, MqttMessage message) {
    int packet = message.getId();
    if (message.getQos() == 0 || packet <= 0 || packet >= PACKET_IDS) return tag + "-" + ++next;
    if (numbers == null) {
      numbers = new long[PACKET_IDS];
      hashes = new int[PACKET_IDS];
    }
    int hash = Objects.hash(topic, Arrays.hashCode(message.getPayload()));
    if (!message.isDuplicate() || numbers[packet] == 0 || hashes[packet] != hash) {
      numbers[packet] = ++next;
      hashes[packet] = hash;
    }
    return tag + "-" + numbers[packet];
  }
}
