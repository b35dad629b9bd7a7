package io.voicegateway.testing;

/**
 * Aligns what came back with what was sent: the lag with the highest normalized cross-correlation
 * (Pearson, over the overlap) within a search window.
 */
public final class AudioMatch {
  /** @param lagSamples how much later {@code received} is than {@code sent}; @param correlation in [-1, 1] */
  public record Result(int lagSamples, double correlation, int sampleRate) {
    public double lagMs() {
      return lagSamples * 1000.0 / sampleRate;
    }

    @Override
    public String toString() {
      return String.format("correlation %.3f at lag %.1f ms", correlation, lagMs());
    }
  }

  private AudioMatch() {}

  /** Both signals at {@code rate}; searches lags 0 … maxLagMs. Silence-only overlaps score 0. */
  public static Result align(short[] sent, short[] received, int rate, int maxLagMs) {
    int maxLag = rate * maxLagMs / 1000;
    int bestLag = 0;
    double best = -2;
    for (int lag = 0; lag <= maxLag && lag < received.length; lag++) {
      double c = correlation(sent, received, lag);
      if (c > best) {
        best = c;
        bestLag = lag;
      }
    }
    return new Result(bestLag, best, rate);
  }

  /** Pearson correlation of sent[i] against received[i + lag] over their overlap. */
  public static double correlation(short[] sent, short[] received, int lag) {
    int n = Math.min(sent.length, received.length - lag);
    if (n <= 0) {
      return 0;
    }
    double sa = 0, sb = 0;
    for (int i = 0; i < n; i++) {
      sa += sent[i];
      sb += received[i + lag];
    }
    double ma = sa / n, mb = sb / n;
    double num = 0, da = 0, db = 0;
    for (int i = 0; i < n; i++) {
      double a = sent[i] - ma, b = received[i + lag] - mb;
      num += a * b;
      da += a * a;
      db += b * b;
    }
    return da == 0 || db == 0 ? 0 : num / Math.sqrt(da * db);
  }

  /** Linear-interpolation rate change, good enough to compare speech envelopes across codec rates. */
  public static short[] resample(short[] in, int fromRate, int toRate) {
    if (fromRate == toRate) {
      return in;
    }
    int n = (int) ((long) in.length * toRate / fromRate);
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      double pos = (double) i * fromRate / toRate;
      int j = (int) pos;
      double f = pos - j;
      int a = in[Math.min(j, in.length - 1)];
      int b = in[Math.min(j + 1, in.length - 1)];
      out[i] = (short) Math.round(a + (b - a) * f);
    }
    return out;
  }
}
