package io.voicegateway.media.dtmf;

/**
 * Decides whether one block of audio holds a DTMF dual tone, and which. A block qualifies when the
 * strongest low-group and high-group tones are both loud enough, within the twist limits, clearly
 * stronger than the other tones of their group, free of second harmonics (voice and instruments have
 * them, DTMF generators do not), and together carry most of the block's energy. That last share also
 * tells how much of the block the tone covers: a sine present in a fraction c of the block gives a
 * share of about c, which is what lets the debouncer reject short tones. Allocation-free.
 */
final class DualToneClassifier {

  private static final double[] LOW_HZ = {697, 770, 852, 941};
  private static final double[] HIGH_HZ = {1209, 1336, 1477, 1633};
  /** Row-major keypad: low tone r and high tone c give KEYPAD[r * 4 + c]. */
  private static final String KEYPAD = "123A456B789C*0#D";

  private final int n;
  private final Goertzel[] low = new Goertzel[4];
  private final Goertzel[] high = new Goertzel[4];
  private final Goertzel[] lowHarmonic = new Goertzel[4];
  private final Goertzel[] highHarmonic = new Goertzel[4];
  private final double[] lowPower = new double[4];
  private final double[] highPower = new double[4];

  private final double minTonePower;
  private final double normalTwist;
  private final double reverseTwist;
  private final double relativePeak;
  private final double harmonic;
  private final double startRatio;
  private final double holdRatio;

  private boolean strict;
  private double lastRatio;

  DualToneClassifier(int sampleRate, int blockSamples, DetectorThresholds t) {
    this.n = blockSamples;
    for (int i = 0; i < 4; i++) {
      low[i] = new Goertzel(LOW_HZ[i], sampleRate);
      high[i] = new Goertzel(HIGH_HZ[i], sampleRate);
      lowHarmonic[i] = new Goertzel(2 * LOW_HZ[i], sampleRate);
      highHarmonic[i] = new Goertzel(2 * HIGH_HZ[i], sampleRate);
    }
    double minAmplitude = DetectorThresholds.DBM0_AMPLITUDE * Math.pow(10, t.minToneDbm0 / 20);
    this.minTonePower = Math.pow(minAmplitude * n / 2, 2);
    this.normalTwist = DetectorThresholds.ratio(t.normalTwistDb);
    this.reverseTwist = DetectorThresholds.ratio(t.reverseTwistDb);
    this.relativePeak = DetectorThresholds.ratio(t.relativePeakDb);
    this.harmonic = DetectorThresholds.ratio(t.harmonicDb);
    this.startRatio = t.startRatio;
    this.holdRatio = t.holdRatio;
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
    double pr = lowPower[r];
    double pc = highPower[c];
    if (pr < minTonePower || pc < minTonePower) {
      return 0;
    }
    if (pc > pr * normalTwist || pr > pc * reverseTwist) {
      return 0;
    }
    if (!standsOut(lowPower, r) || !standsOut(highPower, c)) {
      return 0;
    }
    double energy = 0;
    for (int i = 0; i < n; i++) {
      energy += (double) x[i] * x[i];
    }
    // A full-block sine of amplitude A: Goertzel power (A·n/2)², energy A²·n/2, hence the 2/n.
    lastRatio = 2 * (pr + pc) / (n * energy);
    if (lastRatio < holdRatio) {
      return 0;
    }
    if (lowHarmonic[r].power(x, n) * harmonic > pr || highHarmonic[c].power(x, n) * harmonic > pc) {
      return 0;
    }
    strict = lastRatio >= startRatio;
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

  private int strongest(Goertzel[] filters, double[] power, float[] x) {
    int best = 0;
    for (int i = 0; i < 4; i++) {
      power[i] = filters[i].power(x, n);
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
