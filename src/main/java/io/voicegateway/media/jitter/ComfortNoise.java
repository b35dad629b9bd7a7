package io.voicegateway.media.jitter;

/**
 * RFC 3389 comfort noise at the signalled level. The first payload byte is the level in -dBov, where 0 dBov
 * is a full-scale square wave (RMS 32767 in 16-bit PCM). The spectral coefficients that may follow are
 * ignored (the RFC allows it): white noise at the right level is what matters to a listener and to a mixer.
 * The gain glides to a new level over one frame so a level update or the start of noise never clicks.
 */
final class ComfortNoise {
  private static final double SQRT3 = Math.sqrt(3.0);
  private final int glideSamples;
  private int seed = 0x2545F491;
  private float gain;
  private float targetGain;

  ComfortNoise(int sampleRate) {
    glideSamples = sampleRate / 50;
  }

  /** Sets the level from a comfort-noise payload; an empty payload keeps the previous level. */
  void update(byte[] payload, int len) {
    if (len > 0) {
      int dBov = payload[0] & 0x7F;
      // Uniform noise in [-a, a] has RMS a / sqrt(3).
      targetGain = (float) (32767.0 * Math.pow(10, -dBov / 20.0) * SQRT3);
    }
  }

  /** Starts from silence: the next noise fades in. */
  void restart() {
    gain = 0;
  }

  void fill(short[] buf, int off, int n) {
    float step = (targetGain - gain) / glideSamples;
    for (int i = 0; i < n; i++) {
      if (Math.abs(targetGain - gain) > Math.abs(step)) {
        gain += step;
      } else {
        gain = targetGain;
      }
      seed ^= seed << 13; // xorshift32: cheap, allocation-free, good enough for noise
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      float u = seed * (1f / Integer.MAX_VALUE); // [-1, 1]
      int v = Math.round(u * gain);
      buf[off + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
  }
}
