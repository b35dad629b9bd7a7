package io.voicegateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link CallTickBenchmark}'s whole-call tick timed in the thread's CPU time (what a mixer thread spends per
 * 20 ms frame of one call), robust against a busy machine. Prints the median and spread of ten rounds.
 * usage: {@code java -cp <bench classpath> io.voicegateway.bench.CallTickCpu [PCMA-PCMU|PCMU-PCMU|PCMU-PCMU-PCMU] [both|inband|rfc4733]}
 */
public final class CallTickCpu {
  private static final int WARM_UP = 20_000;
  private static final int ROUNDS = 10;
  private static final int TICKS = 5_000;

  private CallTickCpu() {}

  public static void main(String[] args) {
    CallTickBenchmark bench = new CallTickBenchmark();
    bench.call = args.length > 0 ? args[0] : "PCMA-PCMU";
    bench.dtmf = args.length > 1 ? args[1] : "both";
    bench.setUp();
    for (int i = 0; i < WARM_UP; i++) {
      bench.callTick();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] perTick = new double[ROUNDS];
    long allocated = ((com.sun.management.ThreadMXBean) threads).getCurrentThreadAllocatedBytes();
    for (int r = 0; r < ROUNDS; r++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < TICKS; i++) {
        bench.callTick();
      }
      perTick[r] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / TICKS;
    }
    allocated = ((com.sun.management.ThreadMXBean) threads).getCurrentThreadAllocatedBytes() - allocated;
    java.util.Arrays.sort(perTick);
    System.out.printf(Locale.ROOT,
        "%s dtmf=%s: CPU per call-tick median %.1f µs (min %.1f, max %.1f) over %d × %d; %.2f B allocated per tick%n",
        bench.call, bench.dtmf, (perTick[ROUNDS / 2 - 1] + perTick[ROUNDS / 2]) / 2, perTick[0],
        perTick[ROUNDS - 1], ROUNDS, TICKS, (double) allocated / (ROUNDS * TICKS));
  }
}
