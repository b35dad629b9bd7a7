package io.voicegateway.media;

/** Measures test audio: a least-squares sine fit at a known frequency, and the strongest frequency. */
public final class ToneAnalysis {
  private ToneAnalysis() {}

  /** Signal-to-residual ratio in dB of the best-fitting sine (any phase and amplitude) at {@code hz}. */
  public static double snrDb(float[] x, int from, int to, double hz, int rate) {
    double ss = 0;
    double cc = 0;
    double sc = 0;
    double xs = 0;
    double xc = 0;
    for (int i = from; i < to; i++) {
      double w = 2 * Math.PI * hz * i / rate;
      double s = Math.sin(w);
      double c = Math.cos(w);
      ss += s * s;
      cc += c * c;
      sc += s * c;
      xs += x[i] * s;
      xc += x[i] * c;
    }
    double det = ss * cc - sc * sc;
    double a = (xs * cc - xc * sc) / det;
    double b = (xc * ss - xs * sc) / det;
    double signal = 0;
    double noise = 0;
    for (int i = from; i < to; i++) {
      double w = 2 * Math.PI * hz * i / rate;
      double fit = a * Math.sin(w) + b * Math.cos(w);
      signal += fit * fit;
      noise += (x[i] - fit) * (x[i] - fit);
    }
    return 10 * Math.log10(signal / Math.max(noise, 1e-20));
  }

  /** The frequency (in {@code step} Hz steps from 100 Hz to 4 kHz) with the most energy. */
  public static double peakHz(float[] x, int from, int to, int rate, double step) {
    double best = 0;
    double bestPower = -1;
    for (double hz = 100; hz <= 4000; hz += step) {
      double re = 0;
      double im = 0;
      for (int i = from; i < to; i++) {
        double w = 2 * Math.PI * hz * i / rate;
        re += x[i] * Math.cos(w);
        im += x[i] * Math.sin(w);
      }
      double power = re * re + im * im;
      if (power > bestPower) {
        bestPower = power;
        best = hz;
      }
    }
    return best;
  }

  public static double rms(float[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i] * x[i];
    }
    return Math.sqrt(sum / Math.max(1, to - from));
  }
}
