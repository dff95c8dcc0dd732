package io.ofnevents.runtime.parking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import org.junit.jupiter.api.Test;

/** Resources and their parking owners, both ways, and the refs the console and CLI write. */
class ParkingOwnersTest {
  @Test
  void everyOwnerOfAResourceLeadsBackToIt() {
    for (Kind k :
        new Kind[] {
          Kind.TRIGGER,
          Kind.KN_TRIGGER,
          Kind.KN_PING_SOURCE,
          Kind.KN_API_SERVER_SOURCE,
          Kind.KN_SEQUENCE,
          Kind.KN_PARALLEL
        }) {
      ResourceId id = new ResourceId(k, "ns", "x");
      assertThat(ParkingOwners.of(id)).as("%s", k).isNotEmpty();
      for (String owner : ParkingOwners.of(id)) {
        assertThat(ParkingOwners.resourceOf(owner)).as(owner).isEqualTo(id);
      }
    }
    assertThat(ParkingOwners.of(new ResourceId(Kind.KN_SEQUENCE, "ns", "s")))
        .containsExactly("ns/sequence:s", "ns/sequence-reply:s");
    assertThat(ParkingOwners.of(new ResourceId(Kind.KN_TRIGGER, "ns", "t")))
        .containsExactly("ns/kn-trigger:t");
    assertThat(ParkingOwners.of(new ResourceId(Kind.KN_BROKER, "ns", "b"))).isEmpty();
  }

  @Test
  void refsNameTheKindWithItsGroupOrAloneWhereOnlyOneApiHasIt() {
    assertThat(ParkingOwners.parseRef("Trigger.eventing.knative.dev/ns/t"))
        .contains(new ResourceId(Kind.KN_TRIGGER, "ns", "t"));
    assertThat(ParkingOwners.parseRef("Trigger/ns/t"))
        .contains(new ResourceId(Kind.TRIGGER, "ns", "t"));
    assertThat(ParkingOwners.parseRef("sequence/ns/s"))
        .contains(new ResourceId(Kind.KN_SEQUENCE, "ns", "s"));
    assertThat(ParkingOwners.parseRef("PingSource.sources.knative.dev/ns/p"))
        .contains(new ResourceId(Kind.KN_PING_SOURCE, "ns", "p"));
    assertThat(ParkingOwners.parseRef("Nope/ns/s")).isEmpty();
    assertThat(ParkingOwners.parseRef("Sequence/s")).isEmpty();
    ResourceId p = new ResourceId(Kind.KN_PARALLEL, "ns", "fan");
    assertThat(ParkingOwners.parseRef(ParkingOwners.ref(p))).contains(p);
  }

  @Test
  void aParkedEventSaysWhichFieldFailedIt() {
    assertThat(ParkingKey.parse("ns/parallel:fan").field(1))
        .isEqualTo("spec.branches[1].subscriber");
    assertThat(ParkingKey.parse("ns/sequence:s").field(0)).isEqualTo("spec.steps[0]");
    assertThat(ParkingKey.parse("ns/kn-trigger:t").field(0)).isEqualTo("spec.subscriber");
    assertThat(ParkingKey.parse("ns/t").field(2)).isEqualTo("spec.subscribers[2]");
  }
}
