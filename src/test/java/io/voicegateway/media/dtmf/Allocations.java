package io.voicegateway.media.dtmf;

import java.lang.management.ManagementFactory;

/** Bytes a piece of code allocates on the current thread, from the JVM's per-thread counter. */
final class Allocations {

  private static final com.sun.management.ThreadMXBean BEAN =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocations() {}

  /** Runs {@code work} and returns the bytes it allocated, less what reading the counter costs. */
  static long of(Runnable work) {
    long a = BEAN.getCurrentThreadAllocatedBytes();
    long b = BEAN.getCurrentThreadAllocatedBytes();
    work.run();
    long c = BEAN.getCurrentThreadAllocatedBytes();
    return (c - b) - (b - a);
  }
}
