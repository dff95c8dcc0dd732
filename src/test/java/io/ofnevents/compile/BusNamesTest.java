package io.ofnevents.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JetStream names the bus derives: streams of subjects and durables of Trigger inputs. */
class BusNamesTest {

  @Test
  void aStreamPerSubjectKeepsCleanSubjectsReadable() {
    assertThat(Names.stream("default-my-eventsource-sample-two"))
        .isEqualTo("OFN_default-my-eventsource-sample-two");
    assertThat(Names.stream("metrics")).isEqualTo("OFN_metrics");
  }

  @Test
  void aStreamOfASubjectWithDotsIsCleanedAndHashed() {
    String name = Names.stream("orders.eu.created");
    assertThat(name).matches("OFN_orders_eu_created_[0-9a-f]{8}");
    assertThat(name).isNotEqualTo(Names.stream("orders_eu_created"));
  }

  @Test
  void theDurableIsTheTriggerConsumerWhenItsStreamHoldsOnlyItsSubject() {
    assertThat(Names.jetStreamDurable("ImDurable-default-ebft-t", null, "default-es-a", false))
        .isEqualTo("ImDurable-default-ebft-t");
  }

  @Test
  void topicSubscriptionsGetOneDurablePerReplica() {
    assertThat(Names.jetStreamDurable("default-ebft-t", "pod-7f9c", "default-es-a", false))
        .isEqualTo("default-ebft-t-pod-7f9c");
  }

  @Test
  void aSharedStreamGetsOneDurablePerSubject() {
    String a = Names.jetStreamDurable("default-ebft-t", null, "default-es-a", true);
    String b = Names.jetStreamDurable("default-ebft-t", null, "default-es-b", true);
    assertThat(a).isEqualTo("default-ebft-t_default-es-a");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void durablesWithCharactersJetStreamRefusesAreCleanedAndHashed() {
    String name = Names.jetStreamDurable("team.a-ebft-t", "host.example.com", "x", false);
    assertThat(name).matches("team_a-ebft-t-host_example_com_[0-9a-f]{8}");
    String longName = Names.jetStreamDurable("n".repeat(200), null, "x", false);
    assertThat(longName).hasSize(128).matches("n+_[0-9a-f]{8}");
  }

  @Test
  void theConditionStateKeyIsPerTrigger() {
    assertThat(Names.triggerStateKey("default", "my-trigger")).isEqualTo("default.my-trigger");
    assertThat(Names.STATE_BUCKET).matches("[A-Za-z0-9_-]+");
  }
}
