package io.voicegateway.media.resample;

/** Designs the Kaiser-windowed sinc low-pass prototype the polyphase {@link Resampler} splits into phases. */
final class LowPassFilter {
  private LowPassFilter() {}

  /**
   * @param length taps
   * @param cutoff cutoff as a fraction of the sampling rate (0 … 0.5)
   * @param beta   Kaiser window shape; 8 gives about 80 dB of stopband
   * @param gain   DC gain
   */
  static double[] design(int length, double cutoff, double beta, double gain) {
    double[] h = new double[length];
    double centre = (length - 1) / 2.0;
    double i0Beta = besselI0(beta);
    for (int m = 0; m < length; m++) {
      double t = m - centre;
      double x = 2 * cutoff * t;
      double sinc = t == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      double r = t / (centre + 1); // keeps the window's end taps non-zero
      double window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
      h[m] = gain * 2 * cutoff * sinc * window;
    }
    return h;
  }

  /** Modified Bessel function of the first kind, order 0, by its power series. */
  static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double halfX = x / 2;
    for (int k = 1; k < 50; k++) {
      term *= (halfX / k) * (halfX / k);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return sum;
  }
}
