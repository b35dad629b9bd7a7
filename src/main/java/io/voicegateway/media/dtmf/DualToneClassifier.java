package io.voicegateway.media.dtmf;

/**
 * Decides whether one block of audio holds a DTMF dual tone, and which.
 *
 * <p>Goertzel filters at the 8 DTMF frequencies pick the strongest low and high tone, which must
 * each stand clearly above the other tones of their group. A joint least-squares fit ({@link
 * DualToneBasis}) then measures the pair exactly: both tones loud enough, within the twist limits,
 * free of second harmonics (voice and instruments have them, DTMF generators do not), within about
 * 2 % of their nominal frequencies, and together carrying most of the block's energy. Such a block may
 * continue a press; to start one it must also carry a larger share and a steady tone (one that
 * neither starts nor stops inside the block), which is what lets the debouncer reject short tones.
 * Allocation-free.
 */
final class DualToneClassifier {

  /**
   * Largest amplitude change, centre to edge, of a block that may start a press. A tone covering
   * 80 % of the block shows about 0.5, so only blocks (nearly) full of tone count, and a press needs
   * a tone long enough to fill {@link GoertzelDetector#START_BLOCKS} of them: 20 ms never does,
   * 33 ms always does.
   */
  private static final double MAX_SLOPE = 0.5;
  /** Row-major keypad: low tone r and high tone c give KEYPAD[r * 4 + c]. */
  private static final String KEYPAD = "123A456B789C*0#D";

  private final int n;
  private final Goertzel[] low = new Goertzel[4];
  private final Goertzel[] high = new Goertzel[4];
  private final double[] lowPower = new double[4];
  private final double[] highPower = new double[4];
  private final DualToneBasis basis;
  private final double[] projections = new double[DualToneBasis.TERMS];
  private final double[] coefficients = new double[DualToneBasis.TERMS];

  private final double minAmplitude;
  private final double normalTwist;
  private final double reverseTwist;
  private final double relativePeak;
  private final double harmonic;
  private final double startRatio;
  private final double holdRatio;
  private final double maxDeviation;

  private boolean strict;
  private double lastRatio;

  DualToneClassifier(int sampleRate, int blockSamples, DetectorThresholds t) {
    this.n = blockSamples;
    for (int i = 0; i < 4; i++) {
      low[i] = new Goertzel(DualToneBasis.LOW_HZ[i], sampleRate);
      high[i] = new Goertzel(DualToneBasis.HIGH_HZ[i], sampleRate);
    }
    this.basis = DualToneBasis.forRate(sampleRate, blockSamples);
    this.minAmplitude = DetectorThresholds.DBM0_AMPLITUDE * amplitudeRatio(t.minToneDbm0);
    this.normalTwist = amplitudeRatio(t.normalTwistDb);
    this.reverseTwist = amplitudeRatio(t.reverseTwistDb);
    this.relativePeak = DetectorThresholds.ratio(t.relativePeakDb);
    this.harmonic = amplitudeRatio(-t.harmonicDb);
    this.startRatio = t.startRatio;
    this.holdRatio = t.holdRatio;
    this.maxDeviation = t.maxDeviation;
  }

  /**
   * @param x one block of {@code blockSamples} samples, 16-bit scale
   * @return the digit, or 0 when the block holds none; {@link #strict()} then tells whether it may
   *         start a press or only continue one
   */
  char classify(float[] x) {
    strict = false;
    lastRatio = 0;
    int r = strongest(low, lowPower, x);
    int c = strongest(high, highPower, x);
    if (!standsOut(lowPower, r) || !standsOut(highPower, c)) {
      return 0;
    }
    double explained = basis.fit(x, r, c, projections, coefficients);
    double a = DualToneBasis.amplitude(coefficients, 0);
    double b = DualToneBasis.amplitude(coefficients, 1);
    if (a < minAmplitude || b < minAmplitude || b > a * normalTwist || a > b * reverseTwist) {
      return 0;
    }
    if (DualToneBasis.amplitude(coefficients, 2) > a * harmonic
        || DualToneBasis.amplitude(coefficients, 3) > b * harmonic) {
      return 0;
    }
    if (basis.deviation(coefficients, 0, r, c) > maxDeviation
        || basis.deviation(coefficients, 1, r, c) > maxDeviation) {
      return 0;
    }
    double energy = 0;
    for (int i = 0; i < n; i++) {
      energy += (double) x[i] * x[i];
    }
    lastRatio = explained / energy;
    if (lastRatio < holdRatio) {
      return 0;
    }
    strict = lastRatio >= startRatio
        && Math.abs(DualToneBasis.slope(coefficients, 0)) <= MAX_SLOPE
        && Math.abs(DualToneBasis.slope(coefficients, 1)) <= MAX_SLOPE;
    return KEYPAD.charAt(r * 4 + c);
  }

  /** @return whether the last digit returned by {@link #classify} is clean enough to start a press */
  boolean strict() {
    return strict;
  }

  /** @return the tones' share of the last block's energy (0 when it failed before that check) */
  double lastRatio() {
    return lastRatio;
  }

  private static double amplitudeRatio(double db) {
    return Math.pow(10, db / 20);
  }

  private int strongest(Goertzel[] filters, double[] power, float[] x) {
    Goertzel.powers(filters, x, n, power);
    int best = 0;
    for (int i = 0; i < 4; i++) {
      if (power[i] > power[best]) {
        best = i;
      }
    }
    return best;
  }

  private boolean standsOut(double[] power, int best) {
    for (int i = 0; i < 4; i++) {
      if (i != best && power[i] * relativePeak > power[best]) {
        return false;
      }
    }
    return true;
  }
}
