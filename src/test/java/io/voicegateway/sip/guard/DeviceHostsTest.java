package io.voicegateway.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.sip.registrar.Binding;
import io.voicegateway.sip.registrar.Source;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceHostsTest {
  @Test
  void bindingsGiveTheirSourceAddressesAndNamesAreNeverLookedUp() throws Exception {
    List<Binding> bindings = List.of(
        new Binding("alice", "sip:alice@192.0.2.1:5060", 0, "c1", 1, new Source("192.0.2.1", 5060, "udp")),
        new Binding("alice", "sip:alice@192.0.2.1:5062", 0, "c2", 1, new Source("192.0.2.1", 5062, "udp")),
        new Binding("bob", "sip:bob@[2001:db8::1]", 0, "c3", 1, new Source("2001:db8::1", 5060, "tcp")),
        new Binding("carol", "sip:carol@phone.invalid", 0, "c4", 1, new Source("phone.invalid", 5060, "udp")));
    assertEquals(Set.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1")),
        DeviceHosts.of(bindings));
  }
}
