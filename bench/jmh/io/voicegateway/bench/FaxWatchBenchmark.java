package io.voicegateway.bench;

import io.voicegateway.media.codec.G711;
import io.voicegateway.media.fax.FaxWatch;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the fax watch adds to every packet of a two-party G.711 call: {@link FaxWatch#onPacket} on one 20 ms
 * PCMU payload of speech-like audio (no fax tone, so the detector never finishes). {@code watching}: a fresh
 * call, the tone detector runs; {@code stopped}: the call has carried enough speech that the watch has stopped,
 * what is left is the check. {@link #main} times the same in the thread's CPU time, steadier on a busy box:
 * {@code java -cp <bench classpath> io.voicegateway.bench.FaxWatchBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FaxWatchBenchmark {
  private static final int FRAMES = 50;

  @Param({"watching", "stopped"})
  public String state;

  private FaxWatch watch;
  private final byte[][] payloads = new byte[FRAMES][160];
  private int next;
  private int seq;

  @Setup
  public void setUp() {
    Random random = new Random(3);
    double phase = 0;
    for (int f = 0; f < FRAMES; f++) {
      for (int i = 0; i < 160; i++) {
        double t = (f * 160 + i) / 8000.0;
        phase += 2 * Math.PI * (170 + 50 * Math.sin(2 * Math.PI * 1.5 * t)) / 8000;
        double v = 5000 * Math.sin(phase) + 2500 * Math.sin(3 * phase) + 300 * random.nextGaussian();
        payloads[f][i] = G711.ulawEncode((short) v);
      }
    }
    watch = "stopped".equals(state) ? new FaxWatch(0, false, 1) : new FaxWatch(0, false, Integer.MAX_VALUE);
    if ("stopped".equals(state)) {
      for (int i = 0; i < 100; i++) {
        onePacket();
      }
      if (watch.watching()) {
        throw new IllegalStateException("the watch did not stop on speech");
      }
    }
  }

  @Benchmark
  public FaxWatch onePacket() {
    int f = next;
    next = f + 1 == FRAMES ? 0 : f + 1;
    seq++;
    watch.onPacket(0, 1234L, seq & 0xffff, seq * 160L, payloads[f], 0, 160);
    return watch;
  }

  /** Thread CPU per packet, median of ten rounds of 100 000 packets after 200 000 of warm-up, both states. */
  public static void main(String[] args) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (String state : new String[] {"watching", "stopped"}) {
      FaxWatchBenchmark bench = new FaxWatchBenchmark();
      bench.state = state;
      bench.setUp();
      for (int i = 0; i < 200_000; i++) {
        bench.onePacket();
      }
      double[] ns = new double[10];
      for (int r = 0; r < ns.length; r++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 100_000; i++) {
          bench.onePacket();
        }
        ns[r] = (threads.getCurrentThreadCpuTime() - start) / 100_000.0;
      }
      java.util.Arrays.sort(ns);
      System.out.printf(java.util.Locale.ROOT, "FaxWatch %s: CPU per packet median %.1f ns (min %.1f, max %.1f)%n",
          state, (ns[4] + ns[5]) / 2, ns[0], ns[9]);
    }
  }
}
