package io.voicegateway.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode seen from one node's registrar, with a fake of the shared map standing for the other nodes: what this
 * node binds is published and withdrawn, a lookup adds the UDP bindings other nodes took (not their stream ones, nor
 * lapsed ones, nor a contact bound here too).
 */
class SharedBindingsTest {
  private static final Source UDP = new Source("127.0.0.1", 40312, "udp");
  private static final Source TCP = new Source("127.0.0.1", 40313, "tcp");

  private final FakeClock clock = new FakeClock();
  private final FakeShared shared = new FakeShared();
  private final Bindings bindings = new Bindings(clock, shared);

  /** The shared map: contact → binding; {@code published} is what this node put there, in order. */
  private static final class FakeShared implements SharedBindings {
    final Map<String, Binding> mine = new LinkedHashMap<>();
    final List<Binding> others = new ArrayList<>();

    @Override
    public void publish(Binding binding) {
      mine.put(binding.contact(), binding);
    }

    @Override
    public void withdraw(Binding binding) {
      mine.remove(binding.contact());
    }

    @Override
    public List<Binding> elsewhere(String deviceId, long nowMs) {
      return others.stream().filter(b -> b.deviceId().equals(deviceId) && b.expiresAtMs() > nowMs).toList();
    }
  }

  private Binding other(String contact, long expiresSeconds, Source source) {
    return new Binding("alice", contact, clock.millis() + expiresSeconds * 1000, "c9", 1, source);
  }

  @Test
  void publishesWhatItBindsAndWithdrawsWhatGoes() {
    bindings.put("alice", "sip:alice@10.0.0.2:5060", 60, "c1", 1, UDP);
    bindings.put("alice", "sip:alice@10.0.0.3:5060", 60, "c1", 2, UDP);
    bindings.put("bob", "sip:bob@10.0.0.4:5060", 60, "c2", 1, TCP);
    assertEquals(3, shared.mine.size());

    bindings.remove("alice", "sip:alice@10.0.0.2:5060");
    assertEquals(List.of("sip:alice@10.0.0.3:5060", "sip:bob@10.0.0.4:5060"), List.copyOf(shared.mine.keySet()));
    bindings.removeAtSource(TCP); // its connection closed
    bindings.removeAll("alice"); // Contact: *
    assertTrue(shared.mine.isEmpty());
  }

  @Test
  void refreshRepublishesWithTheNewExpiry() {
    bindings.put("alice", "sip:alice@10.0.0.2:5060", 60, "c1", 1, UDP);
    clock.advance(Duration.ofSeconds(30));
    bindings.put("alice", "sip:alice@10.0.0.2:5060", 60, "c1", 2, UDP);
    assertEquals(clock.millis() + 60_000, shared.mine.get("sip:alice@10.0.0.2:5060").expiresAtMs());
  }

  @Test
  void aLookupAddsTheUdpBindingsOtherNodesTookAfterItsOwn() {
    bindings.put("alice", "sip:alice@10.0.0.2:5060", 60, "c1", 1, UDP);
    shared.others.add(other("sip:alice@10.0.0.7:5060", 60, UDP));
    shared.others.add(other("sip:alice@10.0.0.8:5060;transport=tcp", 60, TCP)); // on another node's connection
    shared.others.add(other("sip:alice@10.0.0.2:5060", 90, UDP)); // bound here too: here wins

    List<Binding> all = bindings.ofAnyNode("alice");

    assertEquals(List.of("sip:alice@10.0.0.2:5060", "sip:alice@10.0.0.7:5060"),
        all.stream().map(Binding::contact).toList());
    assertEquals(60, all.get(0).remainingSeconds(clock.millis()), "the local binding, not the other node's");
    assertEquals(1, bindings.of("alice").size(), "of() stays this node's only (the registrar's 200 lists it)");
  }

  @Test
  void anotherNodesBindingLapsesAtItsExpiry() {
    shared.others.add(other("sip:alice@10.0.0.7:5060", 60, UDP));
    assertEquals(1, bindings.ofAnyNode("alice").size());
    clock.advance(Duration.ofSeconds(60));
    assertTrue(bindings.ofAnyNode("alice").isEmpty());
  }

  @Test
  void aSingleNodeSharesNothing() {
    Bindings single = new Bindings(clock);
    single.put("alice", "sip:alice@10.0.0.2:5060", 60, "c1", 1, UDP);
    assertEquals(single.of("alice"), single.ofAnyNode("alice"));
  }
}
