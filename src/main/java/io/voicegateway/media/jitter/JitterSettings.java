package io.voicegateway.media.jitter;

/**
 * How one leg's receive path buffers and conceals.
 *
 * @param initialMs depth before any jitter has been measured (and the fixed depth when not adaptive)
 * @param maxMs     upper bound of the depth; also bounds how much audio the buffer holds
 * @param adaptive  let the depth follow the measured inter-arrival jitter (RFC 3550)
 * @param plc       conceal lost packets; when false a lost packet plays as silence
 */
public record JitterSettings(int initialMs, int maxMs, boolean adaptive, boolean plc) {
  /** The smallest depth: one 20 ms mixer frame. */
  public static final int MIN_MS = 20;

  public JitterSettings {
    if (maxMs < MIN_MS || maxMs > 2000) {
      throw new IllegalArgumentException("jitter buffer max must be 20..2000 ms, got " + maxMs);
    }
    if (initialMs < 0 || initialMs > maxMs) {
      throw new IllegalArgumentException("jitter buffer depth must be 0.." + maxMs + " ms, got " + initialMs);
    }
  }
}
