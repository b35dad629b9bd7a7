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
}
