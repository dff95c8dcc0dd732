package io.ofnevents.model.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Reference;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KReference;
import io.ofnevents.testing.Yamls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One resolver for the refs of both APIs, in each of its modes. */
class DestinationsTest {
  static final ResourceSet BROKER =
      ResourceSet.of(
          Yamls.load(
                  "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata: {name: default}\n")
              .resources()
              .stream()
              .map(l -> l.resource())
              .toList());

  static final AddressBook BOOK =
      AddressBook.parse(
          List.of(
              "Service/event-display=http://127.0.0.1:9000",
              "Service/prod/event-display=http://10.0.0.1:9000",
              "Service.serving.knative.dev/first=http://127.0.0.1:9001/base/"));

  static Destination ref(String apiVersion, String kind, String name, String uri) {
    return new Destination(
        new KReference(kind, null, name, apiVersion, null, null), uri, null, null);
  }

  static Target standalone(Destination d, String ns) {
    return Destinations.resolve(d, ns, BROKER, Addressing.standalone(BOOK));
  }

  @Test
  void aBrokerRefIsTheBrokerItselfNotAnHttpHop() {
    assertThat(standalone(ref("eventing.knative.dev/v1", "Broker", "default", null), "default"))
        .isEqualTo(new Target.Addressable(new ResourceId(Kind.KN_BROKER, "default", "default")));
    assertThat(standalone(ref("eventing.knative.dev/v1", "Broker", "nope", null), "default"))
        .isInstanceOf(Target.Unresolved.class);
  }

  @Test
  void addressEntriesMatchTheMostSpecificKey() {
    assertThat(
            standalone(ref("serving.knative.dev/v1", "Service", "event-display", null), "default"))
        .isEqualTo(new Target.Url("http://127.0.0.1:9000"));
    assertThat(standalone(ref("v1", "Service", "event-display", null), "prod"))
        .isEqualTo(new Target.Url("http://10.0.0.1:9000"));
    // the entry qualified with serving.knative.dev does not serve a v1 Service
    assertThat(standalone(ref("v1", "Service", "first", null), "default"))
        .isInstanceOf(Target.Unresolved.class);
  }

  @Test
  void aRelativeUriResolvesAgainstTheRefsAddress() {
    assertThat(standalone(ref("serving.knative.dev/v1", "Service", "first", "update"), "default"))
        .isEqualTo(new Target.Url("http://127.0.0.1:9001/base/update"));
    assertThat(standalone(ref("serving.knative.dev/v1", "Service", "first", "/update"), "default"))
        .isEqualTo(new Target.Url("http://127.0.0.1:9001/update"));
    assertThat(
            standalone(
                ref("serving.knative.dev/v1", "Service", "event-display", "/x?y=1"), "default"))
        .isEqualTo(new Target.Url("http://127.0.0.1:9000/x?y=1"));
  }

  @Test
  void exportAndTheOperatorFallBackToTheClusterDnsNameOfAService() {
    Destination d = ref("serving.knative.dev/v1", "Service", "web", "/hook");
    assertThat(Destinations.resolve(d, "shop", BROKER, Addressing.clusterDns(AddressBook.EMPTY)))
        .isEqualTo(new Target.Url("http://web.shop.svc.cluster.local/hook"));
    Reference key = new Reference("Service", "serving.knative.dev/v1", "web", "shop");
    assertThat(
            Destinations.resolve(
                d, "shop", BROKER, Addressing.operator(Map.of(key, "http://web.shop.example/"))))
        .isEqualTo(new Target.Url("http://web.shop.example/hook"));
    Destination function = ref("core.openfunction.io/v1beta2", "Function", "f", null);
    assertThat(
            Destinations.resolve(
                function, "shop", BROKER, Addressing.clusterDns(AddressBook.EMPTY)))
        .isInstanceOf(Target.Unresolved.class);
  }

  @Test
  void anOpenFunctionSinkUsesTheSameResolverAndItsUriWins() {
    SinkSpec both =
        new SinkSpec(
            "http://literal/", new Reference("Service", "serving.knative.dev/v1", "x", null));
    assertThat(Destinations.resolve(both, "default", BROKER, Addressing.standalone(BOOK)))
        .isEqualTo(new Target.Url("http://literal/"));
    SinkSpec broker =
        new SinkSpec(null, new Reference("Broker", "eventing.knative.dev/v1", "default", null));
    assertThat(Destinations.resolve(broker, "default", BROKER, Addressing.standalone(BOOK)))
        .isEqualTo(new Target.Addressable(new ResourceId(Kind.KN_BROKER, "default", "default")));
  }

  @Test
  void badAddressFlagsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> AddressBook.parse(List.of("Service/x")))
        .hasMessage("--address Service/x: expected KIND/[NAMESPACE/]NAME=URL");
    assertThatThrownBy(() -> AddressBook.parse(List.of("Service/x=ftp://h/")))
        .hasMessage(
            "--address Service/x=ftp://h/: \"ftp://h/\" is not an http or https URL with a host");
    assertThatThrownBy(() -> AddressBook.parse(List.of("a/b/c/d=http://h/")))
        .hasMessageContaining("expected KIND/[NAMESPACE/]NAME=URL");
  }
}
