package io.voicegateway.media.dtmf;

/**
 * The in-band detector's acceptance thresholds, derived from one sensitivity knob: 0 is strict (fewer
 * false detections, needs a clean signal), 1 is lenient (accepts weaker, more twisted, noisier tones).
 * Every threshold moves linearly between the two ends; docs/dtmf.md tabulates them.
 *
 * <p>Levels use the G.711 convention that a full-scale 16-bit sine is +3.17 dBm0, so a 0 dBm0 sine
 * has amplitude 22 745.
 */
final class DetectorThresholds {

  /** Amplitude of a 0 dBm0 sine in 16-bit PCM. */
  static final double DBM0_AMPLITUDE = 32768 * Math.pow(10, -3.17 / 20);

  final double sensitivity;
  /** Share of block energy the two tones must carry for a block to start a press (0.85 → 0.65). */
  final double startRatio;
  /** Lower share that keeps a started press going (hysteresis), e.g. through a partial block. */
  final double holdRatio;
  /** Weakest accepted tone, per tone, in dBm0 (-30 → -40). */
  final double minToneDbm0;
  /** High group louder than low group, in dB (8.5 → 11): 8 dB always passes. */
  final double normalTwistDb;
  /** Low group louder than high group, in dB (4.5 → 7): 4 dB always passes. */
  final double reverseTwistDb;
  /** How far the strongest tone of a group must stand above the group's others, in dB (10 → 6). */
  final double relativePeakDb;
  /** How far each tone's second harmonic must stay below the tone, in dB (25 → 18). */
  final double harmonicDb;
  /** How far, as a fraction, each tone may be off its nominal frequency (1.7 % → 2.0 %). */
  final double maxDeviation;

  DetectorThresholds(double sensitivity) {
    if (!(sensitivity >= 0 && sensitivity <= 1)) {
      throw new IllegalArgumentException("sensitivity must be within 0..1: " + sensitivity);
    }
    this.sensitivity = sensitivity;
    this.startRatio = 0.85 - 0.20 * sensitivity;
    this.holdRatio = 0.50;
    this.minToneDbm0 = -30 - 10 * sensitivity;
    this.normalTwistDb = 8.5 + 2.5 * sensitivity;
    this.reverseTwistDb = 4.5 + 2.5 * sensitivity;
    this.relativePeakDb = 10 - 4 * sensitivity;
    this.harmonicDb = 25 - 7 * sensitivity;
    this.maxDeviation = 0.017 + 0.003 * sensitivity;
  }

  /** @return the power ratio for a level difference in dB */
  static double ratio(double db) {
    return Math.pow(10, db / 10);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "sensitivity %.2f: start %.2f, hold %.2f, min %.0f dBm0, twist +%.1f/-%.1f dB, peak %.0f dB, "
            + "harmonic %.0f dB, deviation %.1f %%",
        sensitivity, startRatio, holdRatio, minToneDbm0, normalTwistDb, reverseTwistDb, relativePeakDb,
        harmonicDb, maxDeviation * 100);
  }
}
