package io.voicegateway.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.LimitsConfig;
import io.voicegateway.config.ProviderConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceGuardTest {
  private static final InetAddress FLOODER = address("192.0.2.66");
  private static final InetAddress OTHER = address("192.0.2.7");
  private static final InetAddress TRUNK = address("198.51.100.10");

  private final FakeNanos clock = new FakeNanos();

  /** rate 10/s burst 10, INVITEs 2/s burst 2, trusted 100/s burst 100; bans after 5 drops / 3 garbage / 2 auth. */
  private static LimitsConfig small() {
    LimitsConfig d = LimitsConfig.defaults();
    return new LimitsConfig(true, 10, 10, 2, 2, 100, 100, 5, 3, 2, Duration.ofSeconds(10), Duration.ofSeconds(60),
        4, d.queueCapacity(), d.udpMaxDatagram(), d.overloadFreePortsPercent(), d.overloadLateTickPercent(),
        d.overloadQueueDepth(), d.retryAfter(), d.unknownSourceMaxCalls(), 2, 1000, 1000, d.unknownPortsPercent(), 5,
        0, List.of());
  }

  private static List<ProviderConfig> trunk() {
    return ConfigLoader.parse("providers: [{id: carrier, host: 198.51.100.10, inbound_ips: [198.51.100.10]}]",
        Map.of()).providers();
  }

  private SourceGuard guard() {
    return new SourceGuard(small(), new TrustedSources(new io.voicegateway.control.route.SourceClassifier(trunk())),
        clock);
  }

  @Test
  void burstThenRateThenRefill() {
    SourceGuard g = guard();
    for (int i = 0; i < 10; i++) {
      assertEquals(Verdict.ADMIT, g.admit(OTHER, false), "message " + i);
    }
    assertEquals(Verdict.RATE, g.admit(OTHER, false));
    clock.advanceMillis(100); // one token back at 10/s
    assertEquals(Verdict.ADMIT, g.admit(OTHER, false));
    assertEquals(Verdict.RATE, g.admit(OTHER, false));
    assertEquals(2, g.limited(Verdict.RATE));
  }

  @Test
  void invitesHaveTheirOwnSmallerBucket() {
    SourceGuard g = guard();
    assertEquals(Verdict.ADMIT, g.admit(OTHER, true));
    assertEquals(Verdict.ADMIT, g.admit(OTHER, true));
    assertEquals(Verdict.INVITE_RATE, g.admit(OTHER, true));
    assertEquals(Verdict.ADMIT, g.admit(OTHER, false), "an ACK or BYE still passes");
  }

  @Test
  void aFloodIsBannedUntilTheBanExpires() {
    SourceGuard g = guard();
    for (int i = 0; i < 15; i++) {
      g.admit(FLOODER, false); // 10 admitted, 5 dropped: the fifth drop bans
    }
    assertTrue(g.banned(FLOODER));
    assertEquals(1, g.activeBans());
    clock.advanceMillis(30_000); // the buckets are full again, the ban is not over
    assertEquals(Verdict.BANNED, g.admit(FLOODER, false));
    assertEquals(Verdict.ADMIT, g.admit(OTHER, false), "another address is not affected");
    clock.advanceMillis(30_000);
    assertEquals(Verdict.ADMIT, g.admit(FLOODER, false));
    assertFalse(g.banned(FLOODER));
    assertEquals(0, g.activeBans());
    assertEquals(1, g.bansTotal());
  }

  @Test
  void garbageAndFailedAuthBanWithinTheWindowOnly() {
    SourceGuard g = guard();
    g.garbage(FLOODER);
    g.garbage(FLOODER);
    clock.advanceMillis(11_000); // the window passed: the strikes start over
    g.garbage(FLOODER);
    g.garbage(FLOODER);
    assertFalse(g.banned(FLOODER));
    g.garbage(FLOODER);
    assertTrue(g.banned(FLOODER));

    g.authFailed(OTHER);
    assertFalse(g.banned(OTHER));
    g.authFailed(OTHER);
    assertTrue(g.banned(OTHER));
  }

  @Test
  void aTrustedTrunkHasItsCeilingAndIsNeverBanned() {
    SourceGuard g = guard();
    for (int i = 0; i < 100; i++) {
      assertEquals(Verdict.ADMIT, g.admit(TRUNK, true), "message " + i);
    }
    assertEquals(Verdict.RATE, g.admit(TRUNK, true), "over its own ceiling");
    for (int i = 0; i < 20; i++) {
      g.admit(TRUNK, false);
      g.garbage(TRUNK);
      g.authFailed(TRUNK);
    }
    assertFalse(g.banned(TRUNK));
  }

  @Test
  void aRegisteredDeviceHostIsTrusted() {
    TrustedSources trusted = new TrustedSources(new io.voicegateway.control.route.SourceClassifier(List.of()));
    SourceGuard g = new SourceGuard(small(), trusted, clock);
    trusted.devicesAt(Set.of(OTHER));
    for (int i = 0; i < 50; i++) {
      assertEquals(Verdict.ADMIT, g.admit(OTHER, true));
    }
  }

  @Test
  void theMapIsBoundedAndForgetsTheLeastRecentlySeen() {
    SourceGuard g = guard();
    for (int i = 1; i <= 10; i++) {
      g.admit(address("203.0.113." + i), false);
    }
    assertEquals(4, g.trackedSources());
  }

  @Test
  void disabledAdmitsEverything() {
    LimitsConfig off = small().off();
    SourceGuard g = new SourceGuard(off, new TrustedSources(new io.voicegateway.control.route.SourceClassifier(
        List.of())), clock);
    for (int i = 0; i < 100; i++) {
      assertEquals(Verdict.ADMIT, g.admit(FLOODER, true));
      g.garbage(FLOODER);
    }
    assertFalse(g.banned(FLOODER));
  }

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
