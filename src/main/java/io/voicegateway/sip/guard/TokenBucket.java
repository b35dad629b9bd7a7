package io.voicegateway.sip.guard;

/**
 * A token bucket on a caller-supplied nanosecond clock: {@code rate} tokens a second, at most {@code burst}
 * saved up. Not thread-safe: its owner ({@link SourceGuard}) serialises access. Written by hand because a
 * per-address bucket must cost a few fields, not a library object with its own clock and locks.
 */
final class TokenBucket {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  TokenBucket(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean take(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * perNano);
      lastNanos = nowNanos;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
