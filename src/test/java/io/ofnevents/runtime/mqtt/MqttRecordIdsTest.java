package io.ofnevents.runtime.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;

/** A message the broker sends again keeps its id; a new message never gets an old one. */
class MqttRecordIdsTest {
  final MqttRecordIds ids = new MqttRecordIds();

  @Test
  void aResendWithTheSamePacketIdTopicAndPayloadKeepsItsId() {
    String first = ids.idOf("t", message(7, 1, "a", false));
    assertThat(ids.idOf("t", message(7, 1, "a", true))).isEqualTo(first);
    assertThat(ids.idOf("t", message(7, 2, "a", true))).as("QoS 2 alike").isEqualTo(first);
  }

  @Test
  void aReusedPacketIdIsANewMessageUnlessItIsAResendOfTheSameOne() {
    String first = ids.idOf("t", message(7, 1, "a", false));
    // the packet id is free again once acknowledged: the broker's next message may reuse it
    String next = ids.idOf("t", message(7, 1, "a", false));
    assertThat(next).isNotEqualTo(first);
    // a DUP flag on a different topic or payload is not a resend of that message
    assertThat(ids.idOf("u", message(7, 1, "a", true))).isNotIn(first, next);
    assertThat(ids.idOf("t", message(8, 1, "a", true))).isNotIn(first, next);
  }

  @Test
  void qos0MessagesAndOtherConsumersNeverShareAnId() {
    assertThat(ids.idOf("t", message(0, 0, "a", false)))
        .isNotEqualTo(ids.idOf("t", message(0, 0, "a", false)));
    assertThat(new MqttRecordIds().idOf("t", message(7, 1, "a", false)))
        .isNotEqualTo(ids.idOf("t", message(7, 1, "a", false)));
  }

  private static MqttMessage message(int packetId, int qos, String payload, boolean dup) {
    MqttMessage m =
        new MqttMessage(payload.getBytes(UTF_8)) {
          {
            setDuplicate(dup);
          }
        };
    m.setQos(qos);
    m.setId(packetId);
    return m;
  }
}
