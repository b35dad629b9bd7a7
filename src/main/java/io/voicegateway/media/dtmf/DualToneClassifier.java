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
 *
 * <p>Most blocks are speech or silence, so the work is ordered to reject them early with no change of
 * result: a block too weak for any fit to pass the minimum amplitude runs no filter at all, the high
 * group runs only when a low tone stands out, and over a stream of half-overlapping blocks
 * ({@link #classifyNext}) the low group's filters share each half between its two blocks
 * ({@link OverlappedGoertzel}). Every power, fit and ratio is computed by the same operations as
 * before, so the results are equal to the last bit ({@code DualToneClassifierEquivalenceTest}).
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
  private final int half;
  private final Goertzel[] low = new Goertzel[4];
  private final Goertzel[] high = new Goertzel[4];
  private final double[] lowPower = new double[4];
  private final double[] highPower = new double[4];
  private final DualToneBasis basis;
  private final double[] projections = new double[DualToneBasis.TERMS];
  private final double[] coefficients = new double[DualToneBasis.TERMS];
  /** The low group over the stream of {@link #classifyNext}. */
  private final OverlappedGoertzel lowStream;

  private final double minAmplitude;
  private final double normalTwist;
  private final double reverseTwist;
  private final double relativePeak;
  private final double harmonic;
  private final double startRatio;
  private final double holdRatio;
  private final double maxDeviation;
  /** Below this block energy no fit can pass the minimum amplitude ({@link DualToneBasis#quietEnergy}). */
  private final double quietEnergy;

  private boolean strict;
  private double lastRatio;
  private boolean streaming;
  private double firstHalfEnergy; // of the next block of the stream

  DualToneClassifier(int sampleRate, int blockSamples, DetectorThresholds t) {
    this.n = blockSamples;
    this.half = blockSamples / 2;
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
    this.quietEnergy = basis.quietEnergy(minAmplitude);
    this.lowStream = new OverlappedGoertzel(low, half);
  }

  /**
   * Classifies one block on its own.
   *
   * @param x one block of {@code blockSamples} samples, 16-bit scale
   * @return the digit, or 0 when the block holds none; {@link #strict()} then tells whether it may
   *         start a press or only continue one
   */
  char classify(float[] x) {
    strict = false;
    lastRatio = 0;
    double energy = energy(x, 0, n);
    if (energy < quietEnergy) {
      return 0;
    }
    Goertzel.powers(low, x, n, lowPower);
    return classifyWithLowPowers(x, energy);
  }

  /**
   * {@link #classify} of the next block of a stream, for less work and the same results: {@code x}'s first half
   * must be the previous call's second half (unless this is the first call since {@link #reset}), and its
   * samples 16-bit integers, as {@link GoertzelDetector} feeds them (their squares and sums are then exact in a
   * double, so the block's energy is the sum of its halves').
   */
  char classifyNext(float[] x) {
    strict = false;
    lastRatio = 0;
    double secondHalf = energy(x, half, n);
    double energy = (streaming ? firstHalfEnergy : energy(x, 0, half)) + secondHalf;
    firstHalfEnergy = secondHalf;
    streaming = true;
    if (energy < quietEnergy) {
      lowStream.reset(); // the filters did not run through this block's second half
      return 0;
    }
    lowStream.powers(x, lowPower);
    return classifyWithLowPowers(x, energy);
  }

  /** The next {@link #classifyNext} starts a new stream. */
  void reset() {
    streaming = false;
    lowStream.reset();
  }

  /**
   * The checks from the low group's powers on, cheapest first; each failure returns before the next is paid for.
   * The high group's filters run only when a low tone stands out, which speech rarely gives (about 1 block in 10).
   */
  private char classifyWithLowPowers(float[] x, double energy) {
    int r = strongest(lowPower);
    if (!standsOut(lowPower, r)) {
      return 0;
    }
    Goertzel.powers(high, x, n, highPower);
    int c = strongest(highPower);
    if (!standsOut(highPower, c)) {
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

  /** Sum of squares of {@code x[from..to)}, in order. */
  private static double energy(float[] x, int from, int to) {
    double energy = 0;
    for (int i = from; i < to; i++) {
      energy += (double) x[i] * x[i];
    }
    return energy;
  }

  private static int strongest(double[] power) {
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
