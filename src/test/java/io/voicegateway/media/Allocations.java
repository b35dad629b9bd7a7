package io.voicegateway.media;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** Counts the bytes the current thread allocates while running an action (HotSpot's per-thread counter). */
public final class Allocations {
  private Allocations() {}

  /** Runs {@code action} {@code warmup} times (JIT), then returns the bytes allocated by {@code times} more. */
  public static long measure(Runnable action, int warmup, int times) {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    for (int i = 0; i < warmup; i++) {
      action.run();
    }
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < times; i++) {
      action.run();
    }
    return threads.getThreadAllocatedBytes(tid) - before;
  }
}
