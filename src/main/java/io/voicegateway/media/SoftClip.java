package io.voicegateway.media;

/**
 * Keeps a summed bus inside −1…1 without the harsh distortion of hard clipping: linear up to the knee,
 * then a tanh curve that approaches full scale. Several loud talkers can add up past full scale, and a
 * hard clip there sounds far worse than a gently compressed peak.
 */
public final class SoftClip {
  private static final float KNEE = 0.8f;
  private static final float HEADROOM = 1f - KNEE;

  private SoftClip() {}

  public static float apply(float x) {
    if (x > KNEE) {
      return KNEE + HEADROOM * (float) Math.tanh((x - KNEE) / HEADROOM);
    }
    if (x < -KNEE) {
      return -KNEE - HEADROOM * (float) Math.tanh((-x - KNEE) / HEADROOM);
    }
    return x;
  }
}
