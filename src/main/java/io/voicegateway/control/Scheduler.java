package io.voicegateway.control;

import java.time.Duration;

/**
 * Timers for call control (ring timeouts, …), injected so that control never reads the wall clock or starts
 * a timer of its own, and tests step time by hand. Tasks run on the context that owns the calls.
 */
public interface Scheduler {
  /** Runs {@code task} once after {@code delay}; the handle cancels it (a no-op once it ran). */
  Timer schedule(Duration delay, Runnable task);

  /** A scheduled task. */
  interface Timer {
    void cancel();
  }
}
