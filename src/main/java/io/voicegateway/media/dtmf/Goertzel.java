package io.voicegateway.media.dtmf;

/**
 * The Goertzel algorithm for one frequency: the squared DFT magnitude at an exact frequency (not
 * restricted to integer bins) over a block, for one multiply and two adds per sample. Cheaper than an
 * FFT when, as here, only 8 frequencies matter.
 */
final class Goertzel {

  private final double coeff;

  Goertzel(double frequency, int sampleRate) {
    this.coeff = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
  }

  /** @return the filter's coefficient, 2·cos(2πf/rate) */
  double coeff() {
    return coeff;
  }

  /** @return |X(f)|² over {@code x[0..n)}: a full-block sine of amplitude A gives (A·n/2)² */
  double power(float[] x, int n) {
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double s0 = x[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }

  /**
   * {@link #power} of four filters over the same block in one pass, bit-identical to four calls. Each
   * filter is a chain of dependent multiply-adds, latency-bound on its own; four in one loop overlap.
   */
  static void powers(Goertzel[] filters, float[] x, int n, double[] power) {
    double c0 = filters[0].coeff;
    double c1 = filters[1].coeff;
    double c2 = filters[2].coeff;
    double c3 = filters[3].coeff;
    double a1 = 0;
    double a2 = 0;
    double b1 = 0;
    double b2 = 0;
    double d1 = 0;
    double d2 = 0;
    double e1 = 0;
    double e2 = 0;
    for (int i = 0; i < n; i++) {
      double v = x[i];
      double a0 = v + c0 * a1 - a2;
      double b0 = v + c1 * b1 - b2;
      double d0 = v + c2 * d1 - d2;
      double e0 = v + c3 * e1 - e2;
      a2 = a1;
      a1 = a0;
      b2 = b1;
      b1 = b0;
      d2 = d1;
      d1 = d0;
      e2 = e1;
      e1 = e0;
    }
    power[0] = a1 * a1 + a2 * a2 - c0 * a1 * a2;
    power[1] = b1 * b1 + b2 * b2 - c1 * b1 * b2;
    power[2] = d1 * d1 + d2 * d2 - c2 * d1 * d2;
    power[3] = e1 * e1 + e2 * e2 - c3 * e1 * e2;
  }
}
