package io.voicegateway.media.dtmf;

/**
 * Least-squares fit of one DTMF pair and its second harmonics over a block: the amplitudes of the
 * sines at the low tone, the high tone, and twice each, that best explain the block together.
 *
 * <p>Why not the Goertzel powers alone: over a block this short a rectangular window leaks each tone
 * into the other filters (a high tone 8 dB louder moves the low tone's estimate by ±2 dB) and a row's
 * harmonic lies only 58–93 Hz from a column tone. Fitting all four frequencies jointly removes that
 * cross-talk, so twist, energy share and harmonic levels are exact for clean tones.
 *
 * <p>Immutable and shared by every detector of one sample rate: the cosine/sine tables (16 per
 * frequency pair, about 13 KB at 8 kHz) and each pair's inverse Gram matrix are built once.
 */
final class DualToneBasis {

  static final double[] LOW_HZ = {697, 770, 852, 941};
  static final double[] HIGH_HZ = {1209, 1336, 1477, 1633};
  private static final int TERMS = 8; // cos and sin for: low, high, 2 × low, 2 × high
  private static final DualToneBasis[] CACHE = new DualToneBasis[7]; // by sample rate / 8000

  private final int n;
  /** [frequency index][sample]: 0-3 low, 4-7 high, 8-11 low harmonics, 12-15 high harmonics. */
  private final float[][] cos = new float[16][];
  private final float[][] sin = new float[16][];
  /** [r * 4 + c]: the 8×8 inverse Gram matrix of that pair's basis, row-major. */
  private final double[][] inverseGram = new double[16][];

  static synchronized DualToneBasis forRate(int sampleRate, int blockSamples) {
    int key = sampleRate / 8000;
    if (CACHE[key] == null || CACHE[key].n != blockSamples) {
      CACHE[key] = new DualToneBasis(sampleRate, blockSamples);
    }
    return CACHE[key];
  }

  private DualToneBasis(int sampleRate, int n) {
    this.n = n;
    for (int f = 0; f < 16; f++) {
      double hz = (f / 4 % 2 == 0 ? LOW_HZ : HIGH_HZ)[f % 4] * (f < 8 ? 1 : 2);
      cos[f] = new float[n];
      sin[f] = new float[n];
      for (int i = 0; i < n; i++) {
        // centred time index keeps the basis better conditioned than starting at 0
        double phase = 2 * Math.PI * hz * (i - (n - 1) / 2.0) / sampleRate;
        cos[f][i] = (float) Math.cos(phase);
        sin[f][i] = (float) Math.sin(phase);
      }
    }
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        inverseGram[r * 4 + c] = invert(gram(r, c));
      }
    }
  }

  /**
   * Fits the pair (r, c) to {@code x}.
   *
   * @param projections scratch, at least 8 long
   * @param amplitudes  receives the sine amplitudes of: low tone, high tone, low's harmonic, high's
   *                    harmonic
   * @return the energy of the fitted signal: the part of the block's energy the four sines explain
   */
  double fit(float[] x, int r, int c, double[] projections, double[] amplitudes) {
    for (int t = 0; t < TERMS; t += 2) {
      int f = frequency(r, c, t / 2);
      float[] cf = cos[f];
      float[] sf = sin[f];
      double pc = 0;
      double ps = 0;
      for (int i = 0; i < n; i++) {
        pc += x[i] * cf[i];
        ps += x[i] * sf[i];
      }
      projections[t] = pc;
      projections[t + 1] = ps;
    }
    double[] inv = inverseGram[r * 4 + c];
    double explained = 0;
    for (int t = 0; t < TERMS; t += 2) {
      double a = 0;
      double b = 0;
      for (int j = 0; j < TERMS; j++) {
        a += inv[t * TERMS + j] * projections[j];
        b += inv[(t + 1) * TERMS + j] * projections[j];
      }
      amplitudes[t / 2] = Math.sqrt(a * a + b * b);
      explained += a * projections[t] + b * projections[t + 1];
    }
    return explained;
  }

  /** Frequency index of term k (0 low, 1 high, 2 low harmonic, 3 high harmonic) of pair (r, c). */
  private static int frequency(int r, int c, int k) {
    switch (k) {
      case 0: return r;
      case 1: return 4 + c;
      case 2: return 8 + r;
      default: return 12 + c;
    }
  }

  private double[] gram(int r, int c) {
    double[] g = new double[TERMS * TERMS];
    for (int i = 0; i < TERMS; i++) {
      float[] bi = basis(r, c, i);
      for (int j = 0; j < TERMS; j++) {
        float[] bj = basis(r, c, j);
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += (double) bi[k] * bj[k];
        }
        g[i * TERMS + j] = s;
      }
    }
    return g;
  }

  private float[] basis(int r, int c, int term) {
    int f = frequency(r, c, term / 2);
    return term % 2 == 0 ? cos[f] : sin[f];
  }

  /** Gauss-Jordan inversion with partial pivoting; the matrix is small, symmetric and well conditioned. */
  private static double[] invert(double[] m) {
    int k = TERMS;
    double[] a = m.clone();
    double[] inv = new double[k * k];
    for (int i = 0; i < k; i++) {
      inv[i * k + i] = 1;
    }
    for (int col = 0; col < k; col++) {
      int pivot = col;
      for (int row = col + 1; row < k; row++) {
        if (Math.abs(a[row * k + col]) > Math.abs(a[pivot * k + col])) {
          pivot = row;
        }
      }
      swapRows(a, col, pivot, k);
      swapRows(inv, col, pivot, k);
      double p = a[col * k + col];
      for (int j = 0; j < k; j++) {
        a[col * k + j] /= p;
        inv[col * k + j] /= p;
      }
      for (int row = 0; row < k; row++) {
        double f = a[row * k + col];
        if (row != col && f != 0) {
          for (int j = 0; j < k; j++) {
            a[row * k + j] -= f * a[col * k + j];
            inv[row * k + j] -= f * inv[col * k + j];
          }
        }
      }
    }
    return inv;
  }

  private static void swapRows(double[] m, int i, int j, int k) {
    for (int c = 0; c < k && i != j; c++) {
      double t = m[i * k + c];
      m[i * k + c] = m[j * k + c];
      m[j * k + c] = t;
    }
  }
}
