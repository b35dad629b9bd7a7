package io.voicegateway.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.parser.StringMsgParser;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.LimitsConfig;
import io.voicegateway.control.route.SourceClassifier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.SipFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * An attacker rotating through many addresses, each under its own per-address limits: what the strangers' shared
 * budgets, the strangers' share of the port pool and the bounded source map do about it (fake clock, no network).
 */
class ManySourcesTest {
  private static final InetAddress TRUNK = address("198.51.100.10");

  private final FakeNanos clock = new FakeNanos();
  private final TrustedSources trusted = new TrustedSources(new SourceClassifier(ConfigLoader.parse(
      "providers: [{id: carrier, host: 198.51.100.10, inbound_ips: [198.51.100.10]}]", Map.of()).providers()));

  /**
   * Per address: 10 messages/s (burst 10), 2 INVITEs/s (burst 2), 1 connection/s (burst 2), bans after 5 drops;
   * strangers together: 100 messages/s and 10 INVITEs/s (bursts twice that); 1,000 addresses tracked; strangers may
   * hold 50 % of the ports.
   */
  private static LimitsConfig limits() {
    LimitsConfig d = LimitsConfig.defaults();
    return new LimitsConfig(true, 10, 10, 2, 2, 1000, 1000, 5, 3, 2, Duration.ofSeconds(10), Duration.ofSeconds(60),
        1000, d.queueCapacity(), d.udpMaxDatagram(), d.overloadFreePortsPercent(), d.overloadLateTickPercent(),
        d.overloadQueueDepth(), d.retryAfter(), d.unknownSourceMaxCalls(), 20, 100, 10, 50, 1, 0, List.of());
  }

  private SourceGuard guard() {
    return new SourceGuard(limits(), trusted, clock);
  }

  /** 127.1.x.y for n = 0..65535: as many addresses as a /16. */
  private static InetAddress stranger(int n) {
    return address("127.1." + (n >> 8 & 0xff) + "." + (n & 0xff));
  }

  @Test
  void rotatingAddressesShareTheStrangersInviteBudgetAndNobodyIsBanned() {
    SourceGuard g = guard();
    int admitted = 0;
    for (int n = 0; n < 253; n++) { // one INVITE from each: every address is well under its own 2/s
      admitted += g.admit(stranger(n), true) == Verdict.ADMIT ? 1 : 0;
    }
    assertEquals(20, admitted, "the strangers' INVITE burst (twice 10/s), whatever the number of addresses");
    assertEquals(233, g.limited(Verdict.UNKNOWN_INVITE_RATE) + g.limited(Verdict.UNKNOWN_RATE),
        "an INVITE is a message too: past 200 the strangers' message budget refuses it first");
    assertEquals(0, g.limited(Verdict.INVITE_RATE), "no address went over its own rate");
    assertEquals(0, g.bansTotal(), "the shared budget strikes nobody: a legitimate stranger is not banned for it");
    for (int i = 0; i < 500; i++) {
      assertEquals(Verdict.ADMIT, g.admit(TRUNK, true), "the trunk never touches the strangers' budget");
    }
    clock.advanceMillis(1000);
    admitted = 0;
    for (int n = 0; n < 253; n++) {
      admitted += g.admit(stranger(n), true) == Verdict.ADMIT ? 1 : 0;
    }
    assertEquals(10, admitted, "a second later: the strangers' rate, 10 INVITEs");
  }

  @Test
  void rotatingAddressesShareTheStrangersMessageBudget() {
    SourceGuard g = guard();
    int admitted = 0;
    for (int n = 0; n < 1000; n++) {
      admitted += g.admit(stranger(n), false) == Verdict.ADMIT ? 1 : 0;
    }
    assertEquals(200, admitted, "the strangers' message burst (twice 100/s)");
    assertEquals(800, g.limited(Verdict.UNKNOWN_RATE));
    assertEquals(Verdict.ADMIT, g.admit(TRUNK, false));
  }

  @Test
  void oneFlooderIsStillHeldToItsOwnLimitAndBannedBeforeItDrainsTheSharedBudget() {
    SourceGuard g = guard();
    for (int i = 0; i < 100; i++) {
      g.admit(stranger(1), false); // 10 admitted, then 5 drops ban it
    }
    assertTrue(g.banned(stranger(1)));
    assertEquals(5, g.limited(Verdict.RATE), "five drops, then banned: the rest never reach a bucket");
    int admitted = 0;
    for (int n = 2; n < 400; n++) {
      admitted += g.admit(stranger(n), false) == Verdict.ADMIT ? 1 : 0;
    }
    assertEquals(190, admitted, "the shared burst less the flooder's 10");
  }

  @Test
  void strangersMayFillOnlyATenthOfTheQueueDepthAtWhichTrustedInvitesAreRefused() {
    SourceGuard g = guard();
    AtomicInteger queue = new AtomicInteger();
    g.watchQueue(queue::get);
    int share = limits().overloadQueueDepth() / 10; // 100 of the default 1,000
    queue.set(share - 1);
    assertEquals(Verdict.ADMIT, g.admit(stranger(1), false));
    queue.set(share);
    assertEquals(Verdict.UNKNOWN_QUEUE, g.admit(stranger(2), true));
    assertEquals(Verdict.ADMIT, g.admit(TRUNK, true), "a trunk's INVITE still goes in");
    assertFalse(g.banned(stranger(2)));
    assertEquals(1, g.limited(Verdict.UNKNOWN_QUEUE));
  }

  @Test
  void sixtyFiveThousandAddressesDoNotGrowTheMapAndAnActiveBanSurvivesTheChurn() {
    SourceGuard g = guard();
    InetAddress flooder = address("192.0.2.66");
    for (int i = 0; i < 20; i++) {
      g.admit(flooder, false);
    }
    assertTrue(g.banned(flooder));
    for (int n = 0; n < 65_536; n++) {
      g.admit(stranger(n), n % 2 == 0);
      g.garbage(stranger(n));
      if (n % 500 == 0) {
        assertEquals(Verdict.BANNED, g.admit(flooder, false), "still banned after " + n + " other addresses");
      }
      if (n % 2 == 1) {
        clock.advanceMillis(1); // 33 s in all: within the 60 s ban
      }
    }
    assertEquals(1000, g.trackedSources(), "bounded by max_sources");
    assertTrue(g.banned(flooder), "an address that keeps sending stays recent, and banned");
    assertEquals(1, g.activeBans());
  }

  @Test
  void connectionsHaveAPerAddressRateThatBansAndASharedOne() {
    SourceGuard g = guard();
    InetAddress one = stranger(7);
    assertEquals(Verdict.ADMIT, g.connectionVerdict(one));
    assertEquals(Verdict.ADMIT, g.connectionVerdict(one));
    assertEquals(Verdict.CONNECTION_RATE, g.connectionVerdict(one), "over 1/s, burst 2");
    for (int i = 0; i < 4; i++) {
      g.connectionVerdict(one);
    }
    assertTrue(g.banned(one), "a handshake flood from one address is banned like a message flood");
    assertEquals(Verdict.BANNED, g.connectionVerdict(one));
    for (int i = 0; i < 100; i++) {
      assertEquals(Verdict.ADMIT, g.connectionVerdict(TRUNK), "a trunk's connections are not rated");
    }
    int admitted = 0;
    for (int n = 100; n < 200; n++) {
      admitted += g.connectionVerdict(stranger(n)) == Verdict.ADMIT ? 1 : 0;
    }
    assertEquals(18, admitted, "the strangers' connection burst (twice their 10 INVITEs/s) less one's two");
    assertEquals(0, g.limited(Verdict.UNKNOWN_CONNECTION_RATE), "the cap that asks counts, not the guard");
  }

  @Test
  void theConnectionCapCountsTheRateRefusalsAndHoldsNoSlotForThem() {
    SourceGuard g = guard();
    SourceConnectionCap cap = new SourceConnectionCap(trusted, g::connectionVerdict, () -> 20, g::count);
    InetAddress one = stranger(9);
    assertEquals(Verdict.ADMIT, cap.opened(one));
    assertEquals(Verdict.ADMIT, cap.opened(one));
    assertEquals(Verdict.CONNECTION_RATE, cap.opened(one));
    assertEquals(2, cap.open(one));
    assertEquals(1, g.limited(Verdict.CONNECTION_RATE));
  }

  @Test
  void strangersTogetherHoldAtMostTheirTotalOfConnections() {
    AtomicInteger perSource = new AtomicInteger(2);
    AtomicInteger total = new AtomicInteger(5);
    java.util.List<Verdict> refusals = new java.util.ArrayList<>();
    SourceConnectionCap cap = new SourceConnectionCap(trusted, a -> Verdict.ADMIT, perSource::get, total::get,
        refusals::add);
    int admitted = 0;
    for (int n = 0; n < 10; n++) {
      admitted += cap.opened(stranger(n)) == Verdict.ADMIT ? 1 : 0;
    }
    assertEquals(5, admitted, "ten addresses, one connection each, five in all");
    assertEquals(java.util.Collections.nCopies(5, Verdict.UNKNOWN_CONNECTIONS), refusals);
    assertEquals(Verdict.ADMIT, cap.opened(TRUNK), "a trunk takes no slot and is not capped");
    cap.closed(stranger(0));
    assertEquals(Verdict.ADMIT, cap.opened(stranger(9)), "a closed connection gives its slot back");
    assertEquals(5, cap.open());
  }

  @Test
  void strangersMayHoldOnlyTheirShareOfThePortsAndTrunksTheRest() throws Exception {
    AtomicInteger free = new AtomicInteger(1000);
    OverloadGuard overload = new OverloadGuard(limits(), new OverloadGuard.Signals(free::get, 1000, () -> 0,
        () -> 0), clock);
    SourceCallCap calls = new SourceCallCap(trusted, () -> 10);
    SipFactory sip = SipFactory.getInstance();
    InviteAdmission admission = new InviteAdmission(overload, calls, sip.createMessageFactory(),
        sip.createHeaderFactory());
    Request invite = invite();

    free.set(501); // 499 ports in use
    assertTrue(admission.admit(invite, stranger(1)).admitted());
    free.set(500); // half in use: the strangers' share is spent
    InviteAdmission.Decision refused = admission.admit(invite, stranger(2));
    assertFalse(refused.admitted());
    assertTrue(refused.refusal().getReasonPhrase().contains("strangers' share"), refused.refusal().getReasonPhrase());
    assertTrue(admission.admit(invite, TRUNK).admitted(), "the trunk still gets a call");
    free.set(49);
    assertEquals(Optional.of("ports"), overload.overloaded(false), "and the trunk stops at its own ceiling");
    assertEquals(2, overload.refused());
    assertEquals(1, overload.strangersRefused());
  }

  @Test
  void withLimitsOffStrangersHaveNoShareOfTheirOwn() throws Exception {
    AtomicInteger free = new AtomicInteger(400); // 60 % in use
    OverloadGuard overload = new OverloadGuard(limits().off(), new OverloadGuard.Signals(free::get, 1000, () -> 0,
        () -> 0), clock);
    SipFactory sip = SipFactory.getInstance();
    InviteAdmission admission = new InviteAdmission(overload, new SourceCallCap(trusted, () -> 0),
        sip.createMessageFactory(), sip.createHeaderFactory());
    assertTrue(admission.admit(invite(), stranger(1)).admitted(), "only the whole-gateway overload applies");
  }

  private static Request invite() throws Exception {
    String text = "INVITE sip:echo@192.0.2.9 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.1.0.1:5060;branch=z9hG4bK776asdhds\r\n"
        + "Max-Forwards: 70\r\nTo: <sip:echo@192.0.2.9>\r\nFrom: <sip:x@example.com>;tag=19\r\n"
        + "Call-ID: many-sources@127.1.0.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    return (Request) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
