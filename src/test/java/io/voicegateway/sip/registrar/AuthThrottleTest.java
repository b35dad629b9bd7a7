package io.voicegateway.sip.registrar;

import io.voicegateway.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
  private final FakeClock clock = new FakeClock();
  private final AuthThrottle throttle =
      new AuthThrottle(3, Duration.ofMinutes(1), Duration.ofMinutes(5), clock);

  @Test
  void blocksAfterNFailuresInAWindowUntilTheBlockEnds() {
    throttle.failed("203.0.113.9");
    throttle.failed("203.0.113.9");
    assertFalse(throttle.blocked("203.0.113.9"));
    throttle.failed("203.0.113.9");
    assertTrue(throttle.blocked("203.0.113.9"));
    assertFalse(throttle.blocked("203.0.113.10"), "other sources unaffected");
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertTrue(throttle.blocked("203.0.113.9"));
    clock.advance(Duration.ofSeconds(1));
    assertFalse(throttle.blocked("203.0.113.9"));
  }

  @Test
  void failuresSpreadBeyondTheWindowDoNotBlock() {
    throttle.failed("203.0.113.9");
    throttle.failed("203.0.113.9");
    clock.advance(Duration.ofMinutes(1));
    throttle.failed("203.0.113.9");
    assertFalse(throttle.blocked("203.0.113.9"));
  }

  @Test
  void successClearsFailuresButNotAnActiveBlock() {
    throttle.failed("203.0.113.9");
    throttle.failed("203.0.113.9");
    throttle.succeeded("203.0.113.9");
    throttle.failed("203.0.113.9");
    assertFalse(throttle.blocked("203.0.113.9"));
    throttle.failed("203.0.113.9");
    throttle.failed("203.0.113.9");
    throttle.succeeded("203.0.113.9");
    assertTrue(throttle.blocked("203.0.113.9"));
  }
}
