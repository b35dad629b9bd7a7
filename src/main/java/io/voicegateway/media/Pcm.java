package io.voicegateway.media;

/** Conversions between 16-bit PCM and the float samples ([-1, 1)) the mixer works in. */
public final class Pcm {
  private static final float SCALE = 32768f;

  private Pcm() {}

  /** {@code out[outOff + i] = in[inOff + i] / 32768} for {@code n} samples. */
  public static void toFloat(short[] in, int inOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = in[inOff + i] / SCALE;
    }
  }

  /** Scales by 32768, rounds to nearest and clips to the 16-bit range, for {@code n} samples. */
  public static void toShort(float[] in, int inOff, short[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = toShort(in[inOff + i]);
    }
  }

  /** Root mean square of {@code n} float samples (0 for a silent frame, 1/√2 for a full-scale sine). */
  public static float rms(float[] in, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += in[i] * in[i];
    }
    return n == 0 ? 0f : (float) Math.sqrt(sum / n);
  }

  /** One sample: scales by 32768, rounds to nearest and clips to [-32768, 32767]. */
  public static short toShort(float sample) {
    int v = Math.round(sample * SCALE);
    if (v > Short.MAX_VALUE) {
      return Short.MAX_VALUE;
    }
    if (v < Short.MIN_VALUE) {
      return Short.MIN_VALUE;
    }
    return (short) v;
  }
}
