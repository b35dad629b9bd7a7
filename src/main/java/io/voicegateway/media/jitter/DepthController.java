package io.voicegateway.media.jitter;

/**
 * Decides the depth the buffer steers toward and when to grow or shrink it. The target is about three times the
 * RFC 3550 jitter (which covers most transit deviations) on top of the 20 ms frame and half a packet (the level
 * seen at a tick saw-tooths by one packet time), bounded to 20 ms … max. The measured depth is the buffered audio
 * at each tick, smoothed; hysteresis and a short cooldown stop it from hunting.
 */
final class DepthController {
  static final double JITTER_FACTOR = 3.0;
  private static final double GROW_BELOW_MS = 5;
  private static final double SHRINK_ABOVE_MS = 10;
  private static final int COOLDOWN_TICKS = 2;

  private final JitterSettings settings;
  private double average = Double.NaN;
  private int cooldown;

  DepthController(JitterSettings settings) {
    this.settings = settings;
  }

  /** The jitter (ms) to seed the estimator with, so that the first target is {@code initialMs}. */
  double seedJitterMs(double packetMs) {
    return Math.max(0, (settings.initialMs() - base(packetMs)) / JITTER_FACTOR);
  }

  double targetMs(double jitterMs, double packetMs) {
    double t = settings.adaptive() ? base(packetMs) + JITTER_FACTOR * jitterMs : settings.initialMs();
    return Math.max(JitterSettings.MIN_MS, Math.min(settings.maxMs(), t));
  }

  private static double base(double packetMs) {
    return 20 + packetMs / 2;
  }

  /** One tick's buffered audio; returns the smoothed depth. */
  double observe(double levelMs) {
    average = Double.isNaN(average) ? levelMs : average + (levelMs - average) / 16;
    return average;
  }

  /** +ms to grow, -ms to shrink, 0 to hold; never more than 30 ms at once. */
  double decide(double targetMs) {
    if (!settings.adaptive() || Double.isNaN(average)) {
      return 0;
    }
    if (cooldown > 0) {
      cooldown--;
      return 0;
    }
    if (average < targetMs - GROW_BELOW_MS) {
      return Math.min(30, targetMs - average);
    }
    if (average > targetMs + SHRINK_ABOVE_MS) {
      return -Math.min(10, average - targetMs);
    }
    return 0;
  }

  /** The buffer was grown (+) or shrunk (-) by {@code ms}; the smoothed depth follows at once. */
  void adjusted(double ms) {
    if (!Double.isNaN(average)) {
      average += ms;
    }
    cooldown = COOLDOWN_TICKS;
  }

  void reset() {
    average = Double.NaN;
    cooldown = 0;
  }
}
