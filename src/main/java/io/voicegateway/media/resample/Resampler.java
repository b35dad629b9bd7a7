package io.voicegateway.media.resample;

/**
 * Streaming sample-rate converter between 8, 16 and 48 kHz (any rational pair works), one per leg and
 * direction. A polyphase Kaiser-windowed sinc: 64 taps at the lower of the two rates, cutoff at 92 % of
 * the lower Nyquist, about 80 dB of stopband. State (the last input samples and the output phase) is
 * carried across calls, so feeding 20 ms chunks gives exactly the one-shot result.
 *
 * <p>Written here rather than taken from Concentus: Concentus 1.0.2 ships no Speex resampler, only SILK's
 * package-private, 16-bit, fixed-ratio one, which is not public API and is not a float pipeline.
 */
public final class Resampler {
  /** Taps per side at the lower rate: sets the transition width (~630 Hz when that rate is 8 kHz). */
  private static final int HALF_TAPS_AT_LOW_RATE = 32;
  private static final double CUTOFF_OF_LOW_NYQUIST = 0.92;
  private static final double KAISER_BETA = 8.0;

  private final int inRate;
  private final int outRate;
  private final int up;
  private final int down;
  private final int taps;
  /** {@code phases[p][m]} multiplies the m-th oldest of the {@code taps} inputs under output phase p. */
  private final float[][] phases;
  /** {@code taps - 1} samples of history followed by the current input; grows only for a larger chunk. */
  private float[] work;
  /** Position of the next output sample, in units of 1/up input samples from the current chunk start. */
  private int position;

  public Resampler(int inRate, int outRate) {
    if (inRate <= 0 || outRate <= 0) {
      throw new IllegalArgumentException("rates must be positive: " + inRate + " -> " + outRate);
    }
    this.inRate = inRate;
    this.outRate = outRate;
    int g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    if (up == down) {
      this.taps = 1;
      this.phases = new float[][] {{1f}};
    } else {
      int lowRate = Math.min(inRate, outRate);
      long upsampledRate = (long) inRate * up;
      int length = prototypeLength();
      this.taps = (length + up - 1) / up;
      double cutoff = CUTOFF_OF_LOW_NYQUIST * (lowRate / 2.0) / upsampledRate;
      this.phases = split(LowPassFilter.design(length, cutoff, KAISER_BETA, up));
    }
    this.work = new float[taps - 1 + 960];
  }

  /**
   * Taps of the prototype at the upsampled rate: {@code 2 * HALF_TAPS_AT_LOW_RATE} low-rate periods, plus
   * one so the length is odd and the delay a whole number of samples at both rates.
   */
  private int prototypeLength() {
    return (int) (2L * HALF_TAPS_AT_LOW_RATE * inRate * up / Math.min(inRate, outRate)) + 1;
  }

  /** Splits the prototype into {@code up} phases, each scaled to exactly unit DC gain. */
  private float[][] split(double[] h) {
    float[][] result = new float[up][taps];
    for (int p = 0; p < up; p++) {
      double sum = 0;
      for (int j = 0; j < taps; j++) {
        int k = p + j * up;
        sum += k < h.length ? h[k] : 0;
      }
      for (int j = 0; j < taps; j++) {
        int k = p + j * up;
        result[p][taps - 1 - j] = (float) ((k < h.length ? h[k] : 0) / sum);
      }
    }
    return result;
  }

  public int inRate() {
    return inRate;
  }

  public int outRate() {
    return outRate;
  }

  /** The most samples {@link #process} can write for {@code inLen} input samples. */
  public int maxOutput(int inLen) {
    return (int) (((long) inLen * up + down - 1) / down) + 1;
  }

  /** The filter's group delay, in output samples (0 for identity; 32 low-rate periods otherwise). */
  public double delay() {
    return up == down ? 0 : (prototypeLength() - 1) / 2.0 / down;
  }

  /**
   * Converts {@code inLen} samples of {@code in} into {@code out} (which must hold
   * {@link #maxOutput}{@code (inLen)}); returns the samples written. 20 ms in gives exactly 20 ms out.
   */
  public int process(float[] in, int inLen, float[] out) {
    if (up == down) {
      System.arraycopy(in, 0, out, 0, inLen);
      return inLen;
    }
    int history = taps - 1;
    if (work.length < history + inLen) {
      float[] grown = new float[history + inLen];
      System.arraycopy(work, 0, grown, 0, history);
      work = grown;
    }
    System.arraycopy(in, 0, work, history, inLen);
    int end = inLen * up;
    int n = 0;
    int pos = position;
    while (pos < end) {
      int i = pos / up;
      out[n++] = dot(phases[pos - i * up], work, i);
      pos += down;
    }
    position = pos - end;
    System.arraycopy(work, inLen, work, 0, history);
    return n;
  }

  /**
   * The FIR sum over {@code taps} inputs from {@code x[from]}. Four partial sums break the add-latency chain
   * (Java may not reassociate float adds itself): measured 1.4x faster than one running sum.
   */
  private float dot(float[] c, float[] x, int from) {
    float a0 = 0;
    float a1 = 0;
    float a2 = 0;
    float a3 = 0;
    int m = 0;
    for (int last = taps - 3; m < last; m += 4) {
      a0 += c[m] * x[from + m];
      a1 += c[m + 1] * x[from + m + 1];
      a2 += c[m + 2] * x[from + m + 2];
      a3 += c[m + 3] * x[from + m + 3];
    }
    for (; m < taps; m++) {
      a0 += c[m] * x[from + m];
    }
    return (a0 + a1) + (a2 + a3);
  }

  /** Forgets the history (new stream). */
  public void reset() {
    java.util.Arrays.fill(work, 0f);
    position = 0;
  }

  @Override
  public String toString() {
    return "Resampler " + inRate + " -> " + outRate;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
