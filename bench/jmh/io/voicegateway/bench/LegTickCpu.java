package io.voicegateway.bench;

import io.voicegateway.codec.CodecType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link LegTickBenchmark}'s leg-tick timed in the thread's CPU time instead of wall time. On a box shared
 * with other work, JMH's average is inflated by every moment the thread waits for a core; CPU time is what
 * a mixer thread would spend per tick. Prints the median and the spread of ten rounds of 5 000 ticks.
 * usage: {@code java -cp <bench classpath> io.voicegateway.bench.LegTickCpu [CODEC] [libopus|concentus] [dtmf] [tone|speech]}
 */
public final class LegTickCpu {
  private static final int WARM_UP = 20_000;
  private static final int ROUNDS = 10;
  private static final int TICKS = 5_000;

  private LegTickCpu() {}

  public static void main(String[] args) {
    LegTickBenchmark bench = new LegTickBenchmark();
    bench.codec = CodecType.valueOf(args.length > 0 ? args[0] : "OPUS");
    bench.opus = args.length > 1 ? args[1] : "libopus";
    bench.dtmf = args.length > 2 ? args[2] : "both";
    bench.signal = args.length > 3 ? args[3] : "tone";
    bench.setUp();
    for (int i = 0; i < WARM_UP; i++) {
      bench.legTick();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] perTick = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < TICKS; i++) {
        bench.legTick();
      }
      perTick[r] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / TICKS;
    }
    java.util.Arrays.sort(perTick);
    System.out.printf(Locale.ROOT, "%s %s dtmf=%s %s: CPU per leg-tick median %.1f µs (min %.1f, max %.1f) over %d × %d%n",
        bench.codec, bench.opus, bench.dtmf, bench.signal, (perTick[ROUNDS / 2 - 1] + perTick[ROUNDS / 2]) / 2, perTick[0],
        perTick[ROUNDS - 1], ROUNDS, TICKS);
  }
}
