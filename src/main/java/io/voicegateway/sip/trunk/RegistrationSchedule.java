package io.voicegateway.sip.trunk;

/**
 * When a trunk registration acts next: the refresh delay after a success and the bounded exponential back-off
 * after failures. Pure (no clock, no timers) so the schedule is unit-tested; not thread-safe, one per
 * registration on the SIP context.
 */
public final class RegistrationSchedule {
  /** Refresh at least this long before the binding lapses (when the expiry leaves room for it). */
  static final long REFRESH_MARGIN_MS = 30_000;

  private final long firstRetryMs;
  private final long maxRetryMs;
  private int failures;

  /**
   * @param firstRetryMs delay after the first failure; each further failure doubles it
   * @param maxRetryMs   the cap the doubling stops at
   */
  public RegistrationSchedule(long firstRetryMs, long maxRetryMs) {
    if (firstRetryMs <= 0 || maxRetryMs < firstRetryMs) {
      throw new IllegalArgumentException("need 0 < firstRetryMs <= maxRetryMs");
    }
    this.firstRetryMs = firstRetryMs;
    this.maxRetryMs = maxRetryMs;
  }

  /** The production schedule: 2 s, 4 s, 8 s … capped at 5 minutes. */
  public static RegistrationSchedule defaults() {
    return new RegistrationSchedule(2_000, 300_000);
  }

  /**
   * Delay until the refresh of a binding granted for {@code grantedSeconds}: half of it or 30 s before it lapses,
   * whichever is sooner; half when the expiry is too short for the 30 s margin. At least 1 ms.
   */
  public long refreshDelayMs(long grantedSeconds) {
    long expiryMs = Math.max(0, grantedSeconds) * 1000;
    long half = expiryMs / 2;
    long beforeLapse = expiryMs - REFRESH_MARGIN_MS;
    return Math.max(1, beforeLapse > 0 ? Math.min(half, beforeLapse) : half);
  }

  /** Records a failure; returns the delay before the next attempt (doubling from the first, capped). */
  public long failed() {
    failures++;
    // shift bounded so a long outage cannot overflow before the cap applies
    long delay = firstRetryMs << Math.min(failures - 1, 30);
    return delay <= 0 || delay > maxRetryMs ? maxRetryMs : delay;
  }

  /** Records a success: the next failure starts the back-off from the first delay again. */
  public void succeeded() {
    failures = 0;
  }

  /** Failures in a row since the last success. */
  public int failures() {
    return failures;
  }
}
