package io.voicegateway.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.LimitsConfig;
import io.voicegateway.control.route.SourceClassifier;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceConnectionCapTest {
  private final TrustedSources trusted = new TrustedSources(new SourceClassifier(List.of()));
  private final Set<InetAddress> banned = new java.util.HashSet<>();
  private final AtomicInteger max = new AtomicInteger(2);
  private final List<Verdict> refusals = new ArrayList<>();
  private final SourceConnectionCap cap = new SourceConnectionCap(trusted,
      a -> banned.contains(a) ? Verdict.BANNED : Verdict.ADMIT, max::get, refusals::add);

  @Test
  void eachUntrustedAddressHoldsAtMostItsCapAndGetsSlotsBackWhenConnectionsClose() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    assertEquals(Verdict.ADMIT, cap.opened(a));
    assertEquals(Verdict.ADMIT, cap.opened(a));
    assertEquals(Verdict.CONNECTIONS, cap.opened(a), "the third connection from a is over the cap");
    assertEquals(Verdict.ADMIT, cap.opened(b), "another address has its own count");
    assertEquals(3, cap.open());
    assertEquals(List.of(Verdict.CONNECTIONS), refusals);

    cap.closed(a);
    assertEquals(1, cap.open(a));
    assertEquals(Verdict.ADMIT, cap.opened(a), "a closed connection's slot is back");
    cap.closed(a);
    cap.closed(a);
    cap.closed(a); // more closes than opens: never below zero
    assertEquals(0, cap.open(a));
  }

  @Test
  void aBannedAddressIsRefusedEvenUnderItsCap() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.3");
    banned.add(a);
    assertEquals(Verdict.BANNED, cap.opened(a));
    assertEquals(0, cap.open(a));
    assertEquals(List.of(Verdict.BANNED), refusals);
  }

  @Test
  void trustedAddressesAndACapOfZeroTakeNoSlot() throws Exception {
    InetAddress device = InetAddress.getByName("192.0.2.7");
    trusted.devicesAt(Set.of(device));
    banned.add(device); // never banned in practice; trusted wins anyway
    for (int i = 0; i < 10; i++) {
      assertEquals(Verdict.ADMIT, cap.opened(device));
    }
    max.set(0);
    InetAddress stranger = InetAddress.getByName("192.0.2.8");
    for (int i = 0; i < 10; i++) {
      assertEquals(Verdict.ADMIT, cap.opened(stranger));
    }
    assertTrue(refusals.isEmpty());
    assertEquals(0, cap.open(device));
  }

  /** Through {@link SipGuards}: a flood bans the address, whose next connection is refused and counted. */
  @Test
  void aFloodBansTheAddressAndItsNextConnectionIsRefusedAndCounted() throws Exception {
    FakeNanos clock = new FakeNanos();
    LimitsConfig limits = ConfigLoader.parse("limits: {requests_per_second: 5, requests_burst: 5,"
        + " flood_ban_after: 3, max_connections_per_source: 1}", Map.of()).limits();
    SipGuards guards = new SipGuards(limits, new SourceClassifier(List.of()), OverloadGuard.Signals.none(), clock);
    InetAddress a = InetAddress.getByName("192.0.2.9");
    assertTrue(guards.openConnection(a));
    assertFalse(guards.openConnection(a), "over the cap of 1");
    assertEquals(1, guards.sources().limited(Verdict.CONNECTIONS));
    for (int i = 0; i < 8; i++) {
      guards.admit(a, false); // 5 through, 3 over: the third strike bans
    }
    assertTrue(guards.banned(a));
    guards.connectionClosed(a);
    assertFalse(guards.openConnection(a), "banned: refused although under the cap");
    assertEquals(1, guards.sources().limited(Verdict.BANNED), "the refused connection counted as banned");
    assertEquals(0, guards.connections().open(a));
  }
}
