package io.voicegateway.sip.guard;

import java.util.function.LongSupplier;

/** A monotonic clock the test steps by hand. */
final class FakeNanos implements LongSupplier {
  private long now = 1_000_000_000L;

  @Override
  public long getAsLong() {
    return now;
  }

  void advanceMillis(long ms) {
    now += ms * 1_000_000L;
  }
}
