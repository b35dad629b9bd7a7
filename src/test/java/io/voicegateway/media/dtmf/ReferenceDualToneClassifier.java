package io.voicegateway.media.dtmf;

import java.lang.reflect.Field;

/**
 * The classifier as it was before issue 13's cheaper detector (commit 8d850ad), kept as the reference that
 * {@code DualToneClassifierEquivalenceTest} compares the new one with: all eight Goertzel filters over every block,
 * then the checks in their old order, and the fit with one projection per pass over the block. The fit reads the
 * shared {@link DualToneBasis}'s tables and matrices (private, by reflection) so that both classifiers fit against the
 * same numbers and only the way they compute differs.
 */
final class ReferenceDualToneClassifier {

  private static final double MAX_SLOPE = 0.5;
  private static final String KEYPAD = "123A456B789C*0#D";
  private static final int TONE_TERMS = 12;
  private static final int HARMONIC_TERMS = 4;

  private final int n;
  private final Goertzel[] low = new Goertzel[4];
  private final Goertzel[] high = new Goertzel[4];
  private final double[] lowPower = new double[4];
  private final double[] highPower = new double[4];
  private final DualToneBasis basis;
  final float[][][] terms;
  final double[][] toneInverse;
  private final double[][] harmonicInverse;
  private final double[][] cross;
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

  ReferenceDualToneClassifier(int sampleRate, int blockSamples, DetectorThresholds t) {
    this.n = blockSamples;
    for (int i = 0; i < 4; i++) {
      low[i] = new Goertzel(DualToneBasis.LOW_HZ[i], sampleRate);
      high[i] = new Goertzel(DualToneBasis.HIGH_HZ[i], sampleRate);
    }
    this.basis = DualToneBasis.forRate(sampleRate, blockSamples);
    this.terms = field("terms");
    this.toneInverse = field("toneInverse");
    this.harmonicInverse = field("harmonicInverse");
    this.cross = field("cross");
    this.minAmplitude = DetectorThresholds.DBM0_AMPLITUDE * amplitudeRatio(t.minToneDbm0);
    this.normalTwist = amplitudeRatio(t.normalTwistDb);
    this.reverseTwist = amplitudeRatio(t.reverseTwistDb);
    this.relativePeak = DetectorThresholds.ratio(t.relativePeakDb);
    this.harmonic = amplitudeRatio(-t.harmonicDb);
    this.startRatio = t.startRatio;
    this.holdRatio = t.holdRatio;
    this.maxDeviation = t.maxDeviation;
  }

  @SuppressWarnings("unchecked")
  private <T> T field(String name) {
    try {
      Field f = DualToneBasis.class.getDeclaredField(name);
      f.setAccessible(true);
      return (T) f.get(basis);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("DualToneBasis." + name + " moved: update the reference", e);
    }
  }

  char classify(float[] x) {
    strict = false;
    lastRatio = 0;
    int r = strongest(low, lowPower, x);
    int c = strongest(high, highPower, x);
    if (!standsOut(lowPower, r) || !standsOut(highPower, c)) {
      return 0;
    }
    double explained = fit(x, r, c);
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

  boolean strict() {
    return strict;
  }

  double lastRatio() {
    return lastRatio;
  }

  /** @return the fitted coefficients of the last block that got as far as the fit */
  double[] coefficients() {
    return coefficients;
  }

  /** {@link DualToneBasis#fit} as it was: one projection per pass. */
  double fit(float[] x, int r, int c) {
    int pair = r * 4 + c;
    float[][] t = terms[pair];
    for (int k = 0; k < DualToneBasis.TERMS; k++) {
      float[] b = t[k];
      double p = 0;
      for (int i = 0; i < n; i++) {
        p += x[i] * b[i];
      }
      projections[k] = p;
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
