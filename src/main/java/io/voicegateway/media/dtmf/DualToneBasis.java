package io.voicegateway.media.dtmf;

/**
 * Least-squares fit of one DTMF pair over a block, then of its second harmonics to what the pair
 * leaves unexplained.
 *
 * <p>Why not the Goertzel powers alone: over a block this short a rectangular window leaks each tone
 * into the other filters (a high tone 8 dB louder moves the low tone's estimate by ±2 dB). Fitting
 * both tones jointly removes that, so twist and energy share are exact for clean tones. Each tone
 * gets first- and second-order terms in time as well (t·cos, t·sin, t²·cos, t²·sin, t from -1 to 1
 * across the block), so a tone off its nominal frequency, as a generator may be, is still fitted
 * (without them ±0.5 % already lost a quarter of the digits) and its deviation can be measured.
 *
 * <p>The harmonics are fitted afterwards, to the residual: a row's harmonic (1394–1882 Hz) lies only
 * 58–93 Hz from a column tone, close enough to the column tone's time terms that a joint fit would
 * trade energy between them and turn a little noise into a loud "harmonic".
 *
 * <p>Immutable and shared by every detector of one sample rate: the basis tables (about 26 KB at
 * 8 kHz) and each pair's matrices are built once.
 */
final class DualToneBasis {

  static final double[] LOW_HZ = {697, 770, 852, 941};
  static final double[] HIGH_HZ = {1209, 1336, 1477, 1633};
  /**
   * Terms of one pair's tone model: cos and sin of low and high, then t·cos and t·sin of both, then
   * t²·cos and t²·sin of both.
   */
  private static final int TONE_TERMS = 12;
  /** cos and sin of 2 × low and 2 × high. */
  private static final int HARMONIC_TERMS = 4;
  /** Coefficients {@link #fit} produces: the tone model's, then the harmonics'. */
  static final int TERMS = TONE_TERMS + HARMONIC_TERMS;
  private static final DualToneBasis[] CACHE = new DualToneBasis[7]; // by sample rate / 8000
  /**
   * Share of {@link #quietEnergy}'s exact bound that is used: the fit rounds (its tables are floats, its products
   * float products), about 1e-7 relative, so the bound is lowered by far more than that.
   */
  private static final double ROUNDING_MARGIN = 0.99;

  private final int n;
  private final double halfBlockSeconds;
  /** [pair r * 4 + c][term][sample]; tone terms then harmonic terms; arrays shared between pairs. */
  private final float[][][] terms = new float[16][][];
  /** [pair]: inverse Gram matrix of the tone terms, row-major. */
  private final double[][] toneInverse = new double[16][];
  /** [pair]: inverse Gram matrix of the harmonic terms, row-major. */
  private final double[][] harmonicInverse = new double[16][];
  /** [pair]: inner products of each tone term with each harmonic term, [tone term * 4 + harmonic term]. */
  private final double[][] cross = new double[16][];
  /** Over every pair: the most a² + b² (squared amplitudes of both tones) can be per unit of block energy. */
  private final double maxAmplitudesPerEnergy;

  static synchronized DualToneBasis forRate(int sampleRate, int blockSamples) {
    int key = sampleRate / 8000;
    if (CACHE[key] == null || CACHE[key].n != blockSamples) {
      CACHE[key] = new DualToneBasis(sampleRate, blockSamples);
    }
    return CACHE[key];
  }

  private DualToneBasis(int sampleRate, int n) {
    this.n = n;
    this.halfBlockSeconds = n / 2.0 / sampleRate;
    float[][][] low = new float[4][][];
    float[][][] high = new float[4][][];
    for (int i = 0; i < 4; i++) {
      low[i] = tables(LOW_HZ[i], sampleRate);
      high[i] = tables(HIGH_HZ[i], sampleRate);
    }
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        float[][] l = low[r];
        float[][] h = high[c];
        float[][] t = {
            l[0], l[1], h[0], h[1], l[2], l[3], h[2], h[3], l[4], l[5], h[4], h[5], // tone terms
            l[6], l[7], h[6], h[7]}; // harmonic terms
        int pair = r * 4 + c;
        terms[pair] = t;
        toneInverse[pair] = invert(products(t, 0, TONE_TERMS, 0, TONE_TERMS), TONE_TERMS);
        harmonicInverse[pair] = invert(products(t, TONE_TERMS, TERMS, TONE_TERMS, TERMS), HARMONIC_TERMS);
        cross[pair] = products(t, 0, TONE_TERMS, TONE_TERMS, TERMS);
      }
    }
    double most = 0;
    for (double[] inverse : toneInverse) {
      most = Math.max(most, largestRowSum(inverse, TONE_TERMS, 4));
    }
    this.maxAmplitudesPerEnergy = most;
  }

  /**
   * The block energy below which no pair's {@link #fit} can give both tones an amplitude of {@code minAmplitude} or
   * more, so a classifier that needs that may reject the block without running the filters.
   *
   * <p>Why it holds: the four centre terms (cos and sin of both tones) of the fitted coefficients are c = S·G⁻¹·T·x,
   * with T the tone terms, G = T·Tᵀ their Gram matrix and S the selection of those four. So a² + b² = |c|² is at most
   * |x|² times the largest eigenvalue of (S·G⁻¹·T)ᵀ(S·G⁻¹·T), which has the same non-zero eigenvalues as
   * S·G⁻¹·T·Tᵀ·G⁻¹·Sᵀ = S·G⁻¹·Sᵀ, the top-left 4 × 4 of G⁻¹; that eigenvalue is at most its largest absolute row
   * sum (Gershgorin). Both tones at {@code minAmplitude} need a² + b² ≥ 2·minAmplitude². At 8 kHz the bound is
   * about 37 % of the energy of two steady tones at that amplitude (-4.3 dB): the t²-terms let a fit put more
   * amplitude at the block's centre than a steady tone of the same energy has.
   */
  double quietEnergy(double minAmplitude) {
    return 2 * minAmplitude * minAmplitude / maxAmplitudesPerEnergy * ROUNDING_MARGIN;
  }

  /** Gershgorin: the largest sum of absolute values of a row of the top-left {@code k} × {@code k} of {@code m}. */
  private static double largestRowSum(double[] m, int size, int k) {
    double most = 0;
    for (int i = 0; i < k; i++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.abs(m[i * size + j]);
      }
      most = Math.max(most, sum);
    }
    return most;
  }

  /** cos, sin, t·cos, t·sin, t²·cos, t²·sin at {@code hz}, then cos, sin at 2 × {@code hz}. */
  private float[][] tables(double hz, int sampleRate) {
    float[][] t = new float[8][n];
    for (int i = 0; i < n; i++) {
      double centred = i - (n - 1) / 2.0;
      double phase = 2 * Math.PI * hz * centred / sampleRate;
      double time = centred / (n / 2.0);
      double cos = Math.cos(phase);
      double sin = Math.sin(phase);
      t[0][i] = (float) cos;
      t[1][i] = (float) sin;
      t[2][i] = (float) (time * cos);
      t[3][i] = (float) (time * sin);
      t[4][i] = (float) (time * time * cos);
      t[5][i] = (float) (time * time * sin);
      t[6][i] = (float) Math.cos(2 * phase);
      t[7][i] = (float) Math.sin(2 * phase);
    }
    return t;
  }

  /**
   * Fits the pair (r, c) to {@code x}; read the result with {@link #amplitude} and {@link
   * #deviation}.
   *
   * @param projections  scratch, {@link #TERMS} long
   * @param coefficients receives the coefficients, {@link #TERMS} long
   * @return the energy of the fitted pair: the part of the block's energy the two tones explain
   */
  double fit(float[] x, int r, int c, double[] projections, double[] coefficients) {
    int pair = r * 4 + c;
    float[][] t = terms[pair];
    // four projections per pass: each is still summed in sample order (same result to the last bit), but the four
    // chains of dependent additions overlap instead of running one after the other
    for (int k = 0; k < TERMS; k += 4) {
      float[] b0 = t[k];
      float[] b1 = t[k + 1];
      float[] b2 = t[k + 2];
      float[] b3 = t[k + 3];
      double p0 = 0;
      double p1 = 0;
      double p2 = 0;
      double p3 = 0;
      for (int i = 0; i < n; i++) {
        float v = x[i];
        p0 += v * b0[i];
        p1 += v * b1[i];
        p2 += v * b2[i];
        p3 += v * b3[i];
      }
      projections[k] = p0;
      projections[k + 1] = p1;
      projections[k + 2] = p2;
      projections[k + 3] = p3;
    }
    double[] inv = toneInverse[pair];
    double explained = 0;
    for (int k = 0; k < TONE_TERMS; k++) {
      double coefficient = 0;
      for (int j = 0; j < TONE_TERMS; j++) {
        coefficient += inv[k * TONE_TERMS + j] * projections[j];
      }
      coefficients[k] = coefficient;
      explained += coefficient * projections[k];
    }
    // the residual's projections on the harmonic terms: x's, less the fitted tones'
    double[] x2 = cross[pair];
    for (int h = 0; h < HARMONIC_TERMS; h++) {
      double fitted = 0;
      for (int k = 0; k < TONE_TERMS; k++) {
        fitted += coefficients[k] * x2[k * HARMONIC_TERMS + h];
      }
      projections[TONE_TERMS + h] -= fitted;
    }
    double[] hinv = harmonicInverse[pair];
    for (int h = 0; h < HARMONIC_TERMS; h++) {
      double coefficient = 0;
      for (int j = 0; j < HARMONIC_TERMS; j++) {
        coefficient += hinv[h * HARMONIC_TERMS + j] * projections[TONE_TERMS + j];
      }
      coefficients[TONE_TERMS + h] = coefficient;
    }
    return explained;
  }

  /** @return the amplitude at the block's centre of 0 the low tone, 1 the high tone, 2 low's harmonic, 3 high's */
  static double amplitude(double[] coefficients, int sine) {
    int at = sine < 2 ? 2 * sine : TONE_TERMS + 2 * (sine - 2);
    return Math.hypot(coefficients[at], coefficients[at + 1]);
  }

  /**
   * How far tone 0 (low) or 1 (high) is off its nominal frequency, as a fraction of it. A change of
   * frequency turns the phase, which shows as a t-term in quadrature with the tone; a change of
   * amplitude (a tone starting or stopping inside the block) shows in phase and is left out.
   */
  double deviation(double[] coefficients, int tone, int r, int c) {
    double a = coefficients[2 * tone];
    double b = coefficients[2 * tone + 1];
    double ta = coefficients[4 + 2 * tone];
    double tb = coefficients[5 + 2 * tone];
    double radiansAtEdge = Math.abs(a * tb - b * ta) / (a * a + b * b); // phase turned from centre to edge
    double hz = tone == 0 ? LOW_HZ[r] : HIGH_HZ[c];
    return radiansAtEdge / (2 * Math.PI * hz * halfBlockSeconds);
  }

  /**
   * How much tone 0 (low) or 1 (high) grows from the block's centre to its end, as a fraction of its
   * amplitude (negative when it fades): the t-term in phase with the tone. Steady tones give ~0; a
   * tone starting or stopping inside the block gives a large value.
   */
  static double slope(double[] coefficients, int tone) {
    double a = coefficients[2 * tone];
    double b = coefficients[2 * tone + 1];
    return (a * coefficients[4 + 2 * tone] + b * coefficients[5 + 2 * tone]) / (a * a + b * b);
  }

  /** Inner products of terms [i0, i1) with terms [j0, j1), row-major. */
  private double[] products(float[][] t, int i0, int i1, int j0, int j1) {
    int cols = j1 - j0;
    double[] g = new double[(i1 - i0) * cols];
    for (int i = i0; i < i1; i++) {
      for (int j = j0; j < j1; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += (double) t[i][k] * t[j][k];
        }
        g[(i - i0) * cols + (j - j0)] = s;
      }
    }
    return g;
  }

  /** Gauss-Jordan inversion with partial pivoting; the matrices are small, symmetric and well conditioned. */
  private static double[] invert(double[] m, int k) {
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
