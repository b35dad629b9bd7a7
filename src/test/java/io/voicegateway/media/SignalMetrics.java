package io.voicegateway.media;

/** Test measurements on audio: tones, SNR, correlation, delay alignment and tone frequency. */
public final class SignalMetrics {
  private SignalMetrics() {}

  /** A sine of {@code freq} Hz, {@code amplitude} of full scale, {@code n} samples at {@code rate}. */
  public static short[] tone(double freq, int rate, int n, double amplitude) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * freq * i / rate));
    }
    return s;
  }

  public static float[] toneFloat(double freq, int rate, int n, double amplitude) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = (float) (amplitude * Math.sin(2 * Math.PI * freq * i / rate));
    }
    return s;
  }

  /** 10·log10(signal energy / error energy) over {@code n} samples of {@code ref} against {@code test}. */
  public static double snrDb(short[] ref, int refOff, short[] test, int testOff, int n) {
    double sig = 0;
    double err = 0;
    for (int i = 0; i < n; i++) {
      double r = ref[refOff + i];
      double d = test[testOff + i] - r;
      sig += r * r;
      err += d * d;
    }
    return 10 * Math.log10(sig / Math.max(err, 1e-9));
  }

  public static double snrDb(float[] ref, int refOff, float[] test, int testOff, int n) {
    double sig = 0;
    double err = 0;
    for (int i = 0; i < n; i++) {
      double r = ref[refOff + i];
      double d = test[testOff + i] - r;
      sig += r * r;
      err += d * d;
    }
    return 10 * Math.log10(sig / Math.max(err, 1e-30));
  }

  /** Normalised cross-correlation of {@code a[aOff..]} and {@code b[bOff..]} over {@code n} samples. */
  public static double correlation(short[] a, int aOff, short[] b, int bOff, int n) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < n; i++) {
      double x = a[aOff + i];
      double y = b[bOff + i];
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    return ab / Math.sqrt(Math.max(aa * bb, 1e-30));
  }

  /** The lag in [0, maxLag] at which {@code test} best matches {@code ref} (test lags ref). */
  public static int bestLag(short[] ref, short[] test, int start, int n, int maxLag) {
    int best = 0;
    double bestCorr = -2;
    for (int lag = 0; lag <= maxLag; lag++) {
      double c = correlation(ref, start, test, start + lag, n);
      if (c > bestCorr) {
        bestCorr = c;
        best = lag;
      }
    }
    return best;
  }

  /** RMS of {@code n} samples from {@code off}, in full-scale units (0 … 1). */
  public static double rms(short[] s, int off, int n) {
    double e = 0;
    for (int i = 0; i < n; i++) {
      double v = s[off + i] / 32768.0;
      e += v * v;
    }
    return Math.sqrt(e / Math.max(n, 1));
  }

  public static double rms(float[] s, int off, int n) {
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += (double) s[off + i] * s[off + i];
    }
    return Math.sqrt(e / Math.max(n, 1));
  }

  /** The frequency (Hz, 1 Hz steps in [lo, hi]) with the most energy, by a Goertzel scan. */
  public static int dominantFrequency(short[] s, int off, int n, int rate, int lo, int hi) {
    int best = lo;
    double bestPower = -1;
    for (int f = lo; f <= hi; f++) {
      double p = goertzelPower(s, off, n, rate, f);
      if (p > bestPower) {
        bestPower = p;
        best = f;
      }
    }
    return best;
  }

  public static double goertzelPower(short[] s, int off, int n, int rate, double freq) {
    double coeff = 2 * Math.cos(2 * Math.PI * freq / rate);
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double s0 = s[off + i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }
}
