package io.voicegateway.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed-authentication rate limit per source host: after {@code maxFailures} failures within
 * {@code window}, the source is answered 403 without a challenge for {@code blockFor}, so a password
 * guesser gets no fresh nonce to try. Not thread-safe: used on the SIP context only.
 */
public final class AuthThrottle {
  /** Bound on tracked sources; beyond it stale entries are swept (a flood of spoofed sources costs no memory). */
  private static final int SWEEP_AT = 4096;

  private final int maxFailures;
  private final long windowMs;
  private final long blockMs;
  private final Clock clock;
  private final Map<String, Entry> bySource = new HashMap<>();

  private static final class Entry {
    long windowStartMs;
    int failures;
    long blockedUntilMs;
  }

  public AuthThrottle(int maxFailures, Duration window, Duration blockFor, Clock clock) {
    this.maxFailures = maxFailures;
    this.windowMs = window.toMillis();
    this.blockMs = blockFor.toMillis();
    this.clock = clock;
  }

  /** True while the source must get 403 without a challenge. */
  public boolean blocked(String host) {
    Entry e = bySource.get(host);
    return e != null && clock.millis() < e.blockedUntilMs;
  }

  /** Counts a failed attempt (wrong password, unknown user); the Nth in one window starts a block. */
  public void failed(String host) {
    long now = clock.millis();
    if (bySource.size() >= SWEEP_AT) {
      bySource.values().removeIf(e -> now >= e.blockedUntilMs && now - e.windowStartMs >= windowMs);
    }
    Entry e = bySource.computeIfAbsent(host, k -> new Entry());
    if (now - e.windowStartMs >= windowMs) {
      e.windowStartMs = now;
      e.failures = 0;
    }
    if (++e.failures >= maxFailures) {
      e.blockedUntilMs = now + blockMs;
      e.failures = 0;
      e.windowStartMs = now;
    }
  }

  /** A successful authentication clears the source's failures. */
  public void succeeded(String host) {
    Entry e = bySource.get(host);
    if (e != null && clock.millis() >= e.blockedUntilMs) {
      bySource.remove(host);
    }
  }
}
