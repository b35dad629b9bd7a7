package io.voicegateway.media.dtmf;

import java.lang.management.ManagementFactory;

/** Bytes a piece of code allocates on the current thread, from the JVM's per-thread counter. */
final class Allocations {

  private static final com.sun.management.ThreadMXBean BEAN =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocations() {}

  /**
   * Steady-state allocation of {@code work}: warms it up, then returns the fewest bytes any of five
   * runs allocated. Taking the minimum discards one-off allocations of the JVM itself (class
   * initialisation, JIT deoptimisation) that can land in a single run, while real per-call
   * allocation shows in every run.
   */
  static long steadyState(Runnable work) {
    for (int i = 0; i < 5; i++) {
      work.run();
    }
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      least = Math.min(least, of(work));
    }
    return least;
  }

  /** Runs {@code work} and returns the bytes it allocated, less what reading the counter costs. */
  static long of(Runnable work) {
    long a = BEAN.getCurrentThreadAllocatedBytes();
    long b = BEAN.getCurrentThreadAllocatedBytes();
    work.run();
    long c = BEAN.getCurrentThreadAllocatedBytes();
    return (c - b) - (b - a);
  }
}
