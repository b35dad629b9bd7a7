package io.voicegateway.webrtc.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.testing.FakeClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsentFreshnessTest {
  private final FakeClock clock = new FakeClock();
  private final ConsentFreshness consent = new ConsentFreshness(clock::millis);

  @Test
  void consentLastsThirtySecondsFromTheLastValidCheck() {
    clock.advance(Duration.ofSeconds(20));
    assertFalse(consent.expired());
    consent.refreshed();
    clock.advance(Duration.ofMillis(29_999));
    assertFalse(consent.expired());
    assertEquals(1, consent.millisUntilExpiry());
    clock.advance(Duration.ofMillis(1));
    assertTrue(consent.expired(), "RFC 7675 §5.1: 30 s without consent");
    assertEquals(1, consent.checks());
  }

  @Test
  void aBrowserThatNeverChecksLosesConsentThirtySecondsAfterTheStart() {
    clock.advance(Duration.ofSeconds(30));
    assertTrue(consent.expired());
    assertEquals(0, consent.checks());
  }

  @Test
  void checksEveryFiveSecondsKeepConsentForAsLongAsTheyCome() {
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofSeconds(5));
      consent.refreshed();
      assertFalse(consent.expired());
    }
    clock.advance(Duration.ofSeconds(30));
    assertTrue(consent.expired());
  }

  @Test
  void onlyValidChecksFromTheResponderRefreshConsent() {
    IceLiteResponder responder = new IceLiteResponder("gw1Z", "gatewayPasswordOf22chr", "brwS");
    InetSocketAddress browser = new InetSocketAddress("198.51.100.20", 61234);
    byte[] txid = new byte[12];
    byte[] good = new StunMessageBuilder(Stun.BINDING_REQUEST, txid)
        .addString(Stun.USERNAME, "gw1Z:brwS")
        .addInt(Stun.PRIORITY, 1)
        .addLong(Stun.ICE_CONTROLLING, 7)
        .build(StunCrypto.shortTermKey("gatewayPasswordOf22chr"), true);
    byte[] forged = new StunMessageBuilder(Stun.BINDING_REQUEST, txid)
        .addString(Stun.USERNAME, "gw1Z:brwS")
        .addInt(Stun.PRIORITY, 1)
        .addLong(Stun.ICE_CONTROLLING, 7)
        .build(StunCrypto.shortTermKey("guessed"), true);

    clock.advance(Duration.ofSeconds(25));
    feed(responder.handle(good, 0, good.length, browser));
    clock.advance(Duration.ofSeconds(25));
    feed(responder.handle(forged, 0, forged.length, browser));
    assertFalse(consent.expired());
    clock.advance(Duration.ofSeconds(5));
    assertTrue(consent.expired(), "a forged check does not keep the media flowing");
  }

  private void feed(CheckResult result) {
    if (result.validCheck()) {
      consent.refreshed();
    }
  }

  @Test
  void aTimeoutMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ConsentFreshness(clock::millis, 0));
  }
}
