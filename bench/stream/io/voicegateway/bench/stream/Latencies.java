package io.voicegateway.bench.stream;

import java.util.Arrays;

/** Latency samples of one direction, in nanoseconds, from any thread; percentiles by nearest rank. */
final class Latencies {
  private long[] samples = new long[1024];
  private int count;

  synchronized void add(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  synchronized void clear() {
    count = 0;
  }

  synchronized long[] sorted() {
    long[] out = Arrays.copyOf(samples, count);
    Arrays.sort(out);
    return out;
  }

  /** The nearest-rank percentile {@code p} (0 < p ≤ 100) of ascending {@code sorted}; -1 when empty. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** "n=…  p50 … p90 … p99 … max … ms". */
  String summary() {
    long[] s = sorted();
    if (s.length == 0) {
      return "n=0";
    }
    return String.format("n=%d  p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms", s.length, ms(percentile(s, 50)),
        ms(percentile(s, 90)), ms(percentile(s, 99)), ms(s[s.length - 1]));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
