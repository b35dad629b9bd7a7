package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.config.ProviderConfig;
import io.voicegateway.codec.CodecType;
import io.voicegateway.sip.registrar.Binding;
import io.voicegateway.sip.registrar.Source;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
  private static final List<CodecType> DEFAULTS = List.of(CodecType.PCMU, CodecType.OPUS);
  private static final ProviderConfig CARRIER = new ProviderConfig("carrier", "203.0.113.5", 5080, "tcp",
      "4930123", "secret", true, 3600, List.of("g711-alaw"), List.of());
  private static final ProviderConfig PLAIN = new ProviderConfig("plain", "2001:db8::1", 5060, "udp",
      null, null, false, 3600, List.of(), List.of());

  private final Map<String, List<Binding>> bindings = Map.of(
      "alice", List.of(binding("alice", "sip:alice@192.168.1.20:5060", new Source("198.51.100.7", 40001, "udp")),
          binding("alice", "sip:alice@10.0.0.2:5062;transport=tcp", new Source("198.51.100.8", 5062, "tcp"))),
      "bob", List.of(binding("bob", "sip:bob@10.0.0.3:5060", new Source("198.51.100.9", 5060, "udp"))));

  private static Binding binding(String device, String contact, Source source) {
    return new Binding(device, contact, Long.MAX_VALUE, "c", 1, source);
  }

  private TargetResolver resolver(java.util.function.Predicate<Binding> reachable) {
    return new TargetResolver(id -> bindings.getOrDefault(id, List.of()), List.of(CARRIER, PLAIN), DEFAULTS,
        reachable, id -> "carrier".equals(id) ? "192.0.2.44" : null);
  }

  private static RouteTarget devices(String... ids) {
    return new RouteTarget(RouteTarget.Kind.DEVICES, null, List.of(ids), "101", Duration.ofSeconds(20), null);
  }

  private static RouteTarget provider(String id, String number) {
    return new RouteTarget(RouteTarget.Kind.PROVIDER, id, List.of(), number, null, null);
  }

  @Test
  void everyBindingOfEveryDeviceIsDialledAtItsSource() {
    List<BridgeTarget> targets = resolver(b -> true).resolve(devices("alice", "bob"));
    assertEquals(List.of("sip:alice@198.51.100.7:40001", "sip:alice@198.51.100.8:5062;transport=tcp",
        "sip:bob@198.51.100.9:5060"), targets.stream().map(BridgeTarget::requestUri).toList());
    assertEquals(List.of("alice", "alice", "bob"), targets.stream().map(BridgeTarget::label).toList());
    assertTrue(targets.stream().allMatch(t -> t.codecs().equals(DEFAULTS) && t.username() == null));
  }

  @Test
  void unreachableBindingsAndUnregisteredDevicesAreSkipped() {
    List<BridgeTarget> targets = resolver(b -> !b.contact().contains("transport=tcp"))
        .resolve(devices("alice", "carol"));
    assertEquals(List.of("sip:alice@198.51.100.7:40001"), targets.stream().map(BridgeTarget::requestUri).toList());
  }

  @Test
  void aTrunkGetsTheNumberItsCredentialsCodecsAndLearntAddress() {
    BridgeTarget t = resolver(b -> true).resolve(provider("carrier", "+4930555")).get(0);
    assertEquals("sip:+4930555@203.0.113.5:5080;transport=tcp", t.requestUri());
    assertEquals("4930123", t.username());
    assertEquals("secret", t.password());
    assertEquals(List.of(CodecType.PCMA), t.codecs());
    assertEquals("192.0.2.44", t.localAddress());
    assertEquals("4930123", t.fromUser());
  }

  @Test
  void aTrunkWithoutCodecsUsesTheDefaultsAndIpv6IsBracketed() {
    BridgeTarget t = resolver(b -> true).resolve(provider("plain", "0800")).get(0);
    assertEquals("sip:0800@[2001:db8::1]:5060", t.requestUri());
    assertEquals(DEFAULTS, t.codecs());
    assertNull(t.localAddress());
  }

  @Test
  void unknownProvidersAndAppsResolveToNobody() {
    assertTrue(resolver(b -> true).resolve(provider("nope", "1")).isEmpty());
    assertTrue(resolver(b -> true).resolve(RouteTarget.app("echo")).isEmpty());
  }
}
