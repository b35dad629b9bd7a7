package io.voicegateway.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.control.route.SourceClassifier;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceCallCapTest {
  private final TrustedSources trusted = new TrustedSources(new SourceClassifier(List.of()));
  private final AtomicInteger max = new AtomicInteger(3);
  private final SourceCallCap cap = new SourceCallCap(trusted, max::get);

  @Test
  void eachUntrustedAddressHoldsAtMostItsCapAndGetsSlotsBackWhenCallsEnd() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    List<SourceCallCap.Slot> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(cap.take(a).orElseThrow());
    }
    assertTrue(cap.take(a).isEmpty(), "the fourth call from a is over the cap");
    assertTrue(cap.take(b).isPresent(), "another address has its own count");
    assertEquals(4, cap.active());
    assertEquals(1, cap.refused());

    held.get(0).release();
    held.get(0).release(); // twice: still one slot back, never below what is held
    assertEquals(2, cap.active(a));
    assertTrue(cap.take(a).isPresent());
    assertTrue(cap.take(a).isEmpty());
    held.forEach(SourceCallCap.Slot::release);
    assertEquals(1, cap.active(a), "the slot taken after the release is still held");
  }

  @Test
  void trustedAddressesAndACapOfZeroTakeNoSlot() throws Exception {
    InetAddress device = InetAddress.getByName("192.0.2.7");
    trusted.devicesAt(Set.of(device));
    for (int i = 0; i < 10; i++) {
      assertSame(SourceCallCap.Slot.NONE, cap.take(device).orElseThrow());
    }
    max.set(0);
    InetAddress stranger = InetAddress.getByName("192.0.2.8");
    for (int i = 0; i < 10; i++) {
      Optional<SourceCallCap.Slot> slot = cap.take(stranger);
      assertSame(SourceCallCap.Slot.NONE, slot.orElseThrow());
    }
    assertEquals(0, cap.active());
    assertEquals(0, cap.refused());
  }

  @Test
  void aProxyInTrustedSourcesCarriesEveryCallerWithoutTheCap() throws Exception {
    TrustedSources behindKamailio = new TrustedSources(new SourceClassifier(List.of()),
        List.of("192.0.2.50", "2001:db8:5::/48"));
    SourceCallCap proxied = new SourceCallCap(behindKamailio, () -> 2);
    for (String proxy : List.of("192.0.2.50", "2001:db8:5::1")) {
      for (int i = 0; i < 10; i++) {
        assertSame(SourceCallCap.Slot.NONE, proxied.take(InetAddress.getByName(proxy)).orElseThrow(), proxy);
      }
    }
    InetAddress neighbour = InetAddress.getByName("192.0.2.51");
    proxied.take(neighbour).orElseThrow();
    proxied.take(neighbour).orElseThrow();
    assertTrue(proxied.take(neighbour).isEmpty(), "an address beside the proxy is still capped");
    assertEquals(1, proxied.refused());
  }
}
