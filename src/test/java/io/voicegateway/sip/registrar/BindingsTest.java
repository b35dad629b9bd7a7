package io.voicegateway.sip.registrar;

import io.voicegateway.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindingsTest {
  private static final Source NAT = new Source("198.51.100.7", 40312, "udp");

  private final FakeClock clock = new FakeClock();
  private final Bindings bindings = new Bindings(clock);

  private static List<String> contacts(List<Binding> bs) {
    return bs.stream().map(Binding::contact).toList();
  }

  @Test
  void bindingLapsesAtItsExpiry() {
    bindings.put("alice", "sip:alice@10.0.0.2:5060", 60, "c1", 1, NAT);
    clock.advance(Duration.ofSeconds(59));
    assertEquals(1, bindings.of("alice").get(0).remainingSeconds(clock.millis()));
    clock.advance(Duration.ofSeconds(1));
    assertTrue(bindings.of("alice").isEmpty());
  }

  @Test
  void severalContactsExpireIndependentlyAndKeepTheirSource() {
    bindings.put("alice", "sip:alice@10.0.0.2", 60, "c1", 1, NAT);
    bindings.put("alice", "sip:alice@10.0.0.3", 300, "c2", 1, new Source("127.0.0.1", 5070, "tcp"));
    assertEquals(List.of("sip:alice@10.0.0.2", "sip:alice@10.0.0.3"), contacts(bindings.of("alice")));
    clock.advance(Duration.ofSeconds(120));
    List<Binding> left = bindings.of("alice");
    assertEquals(List.of("sip:alice@10.0.0.3"), contacts(left));
    assertEquals(new Source("127.0.0.1", 5070, "tcp"), left.get(0).source());
    assertEquals(180, left.get(0).remainingSeconds(clock.millis()));
  }

  @Test
  void refreshExtendsOnlyThatContact() {
    bindings.put("alice", "sip:alice@10.0.0.2", 60, "c1", 1, NAT);
    clock.advance(Duration.ofSeconds(50));
    bindings.put("alice", "sip:alice@10.0.0.2", 60, "c1", 2, NAT);
    clock.advance(Duration.ofSeconds(50));
    assertEquals(1, bindings.of("alice").size());
    assertEquals(2, bindings.get("alice", "sip:alice@10.0.0.2").orElseThrow().cseq());
  }

  @Test
  void aClosedConnectionTakesExactlyTheBindingsRegisteredOverIt() {
    Source ws = new Source("127.0.0.1", 41000, "ws");
    bindings.put("alice", "sip:a1@x.invalid;transport=ws", 120, "c1", 1, ws);
    bindings.put("alice", "sip:alice@10.0.0.3", 60, "c2", 1, NAT);
    bindings.put("bob", "sip:b1@y.invalid;transport=ws", 120, "c3", 1, new Source("127.0.0.1", 41002, "ws"));
    assertEquals(List.of("sip:a1@x.invalid;transport=ws"), contacts(bindings.removeAtSource(ws)));
    assertEquals(List.of("sip:alice@10.0.0.3"), contacts(bindings.of("alice")));
    assertEquals(1, bindings.of("bob").size(), "another connection's binding stays");
    assertTrue(bindings.removeAtSource(ws).isEmpty());
  }

  @Test
  void removeOneAndRemoveAllAsForExpiresZeroAndStar() {
    bindings.put("alice", "sip:alice@10.0.0.2", 60, "c1", 1, NAT);
    bindings.put("alice", "sip:alice@10.0.0.3", 60, "c1", 1, NAT);
    bindings.put("bob", "sip:bob@10.0.0.4", 60, "c9", 1, NAT);
    bindings.remove("alice", "sip:alice@10.0.0.2");
    assertEquals(List.of("sip:alice@10.0.0.3"), contacts(bindings.of("alice")));
    bindings.removeAll("alice");
    assertTrue(bindings.of("alice").isEmpty());
    assertEquals(1, bindings.of("bob").size(), "other devices untouched");
  }

  @Test
  void reachUriPointsAtTheNatSourceWithTheContactsUser() {
    Binding udp = bindings.put("alice", "sip:alice-0x1f@192.168.1.20:5060;transport=udp", 60, "c", 1, NAT);
    assertEquals("sip:alice-0x1f@198.51.100.7:40312", udp.reachUri());
    Binding tcp = bindings.put("bob", "sip:192.168.1.21", 60, "c", 1, new Source("2001:db8::7", 5070, "tcp"));
    assertEquals("sip:[2001:db8::7]:5070;transport=tcp", tcp.reachUri());
  }
}
