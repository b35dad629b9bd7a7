package io.voicegateway.stream;

/**
 * SNR of a processed signal against the clean reference in the magnitude spectrum (256-point frames, Hann window,
 * half overlap): Σ|S|² over Σ(|Y| − |S|)². A noise suppressor works on magnitudes and leaves the noisy phase, so a
 * waveform SNR charges it for a phase it never meant to restore; a recogniser's features (log-mel) ignore phase too.
 */
final class SpectralSnr {
  private static final int N = 256;
  private static final double[] WINDOW = new double[N];

  static {
    for (int i = 0; i < N; i++) {
      WINDOW[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / N);
    }
  }

  private SpectralSnr() {}

  /** {@code out} delayed by {@code lag} samples against {@code clean}, in dB. */
  static double of(short[] clean, short[] out, int lag) {
    int n = Math.min(clean.length, out.length - lag);
    double signal = 0;
    double error = 0;
    double[] re1 = new double[N];
    double[] im1 = new double[N];
    double[] re2 = new double[N];
    double[] im2 = new double[N];
    for (int start = 0; start + N <= n; start += N / 2) {
      for (int i = 0; i < N; i++) {
        re1[i] = clean[start + i] * WINDOW[i];
        re2[i] = out[start + lag + i] * WINDOW[i];
        im1[i] = 0;
        im2[i] = 0;
      }
      fft(re1, im1);
      fft(re2, im2);
      for (int k = 0; k <= N / 2; k++) {
        double s = Math.hypot(re1[k], im1[k]);
        double y = Math.hypot(re2[k], im2[k]);
        signal += s * s;
        error += (y - s) * (y - s);
      }
    }
    return 10 * Math.log10(signal / error);
  }

  /**
   * The SNR after a suppressor, as ITU-T G.160 measures one (SNR improvement): the suppressor's gain in each
   * time-frequency bin, |Y|/|S + N|, applied to the speech and to the noise separately, then Σ|G·S|² over Σ|G·N|²,
   * in dB. It says how much more noise than speech the suppressor took away; {@link #of} says what it did to the
   * speech.
   */
  static double afterGains(short[] clean, short[] noise, short[] out, int lag) {
    int n = Math.min(clean.length, out.length - lag);
    double speech = 0;
    double residual = 0;
    double[][] re = new double[4][N];
    double[][] im = new double[4][N];
    for (int start = 0; start + N <= n; start += N / 2) {
      for (int i = 0; i < N; i++) {
        re[0][i] = clean[start + i] * WINDOW[i];
        re[1][i] = noise[start + i] * WINDOW[i];
        re[2][i] = (clean[start + i] + noise[start + i]) * WINDOW[i];
        re[3][i] = out[start + lag + i] * WINDOW[i];
      }
      for (int s = 0; s < 4; s++) {
        java.util.Arrays.fill(im[s], 0);
        fft(re[s], im[s]);
      }
      for (int k = 0; k <= N / 2; k++) {
        double noisy = Math.hypot(re[2][k], im[2][k]);
        double gain = noisy == 0 ? 0 : Math.min(1, Math.hypot(re[3][k], im[3][k]) / noisy);
        double g2 = gain * gain;
        speech += g2 * (re[0][k] * re[0][k] + im[0][k] * im[0][k]);
        residual += g2 * (re[1][k] * re[1][k] + im[1][k] * im[1][k]);
      }
    }
    return 10 * Math.log10(speech / residual);
  }

  /** In-place radix-2 FFT. */
  private static void fft(double[] re, double[] im) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double angle = -2 * Math.PI / len;
      for (int i = 0; i < n; i += len) {
        for (int k = 0; k < len / 2; k++) {
          double wr = Math.cos(angle * k);
          double wi = Math.sin(angle * k);
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}
