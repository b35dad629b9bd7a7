package io.voicegateway.webrtc.ice;

import java.util.function.LongSupplier;

/**
 * Whether the browser still consents to receive our media (RFC 7675). A full agent proves consent by sending
 * Binding requests and getting answers; an ICE-lite agent sends none (RFC 8445 §2.5), so here consent is each valid
 * check the browser sends us — browsers send one at least every 5 s on the selected pair for their own consent
 * (RFC 7675 §5.1). Thirty seconds without one is the consent timeout of RFC 7675 §5.1: the leg stops sending and ends.
 *
 * <p>The clock starts at construction, so a browser that never completes a check also times out. Not thread-safe:
 * one per leg, on its transport's thread.
 */
public final class ConsentFreshness {
  /** RFC 7675 §5.1: consent expires 30 s after the last check that proved it. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

  private final LongSupplier millis;
  private final long timeoutMillis;
  private long lastConsentAt;
  private long checks;

  /** @param millis a monotonic millisecond clock (in tests, a FakeClock's {@code millis}) */
  public ConsentFreshness(LongSupplier millis) {
    this(millis, DEFAULT_TIMEOUT_MILLIS);
  }

  public ConsentFreshness(LongSupplier millis, long timeoutMillis) {
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("consent timeout must be positive, not " + timeoutMillis);
    }
    this.millis = millis;
    this.timeoutMillis = timeoutMillis;
    this.lastConsentAt = millis.getAsLong();
  }

  /** A valid check arrived (see {@link CheckResult#validCheck()}). */
  public void refreshed() {
    lastConsentAt = millis.getAsLong();
    checks++;
  }

  /** True once {@code timeout} has passed since the last valid check (or construction). */
  public boolean expired() {
    return millisUntilExpiry() <= 0;
  }

  /** Milliseconds left before consent expires; zero or less once it has. */
  public long millisUntilExpiry() {
    return lastConsentAt + timeoutMillis - millis.getAsLong();
  }

  /** How many valid checks have refreshed consent. */
  public long checks() {
    return checks;
  }
}
