package io.voicegateway.media;

/**
 * Receives the mix one leg hears (what the mixer sends it, before its codec), 48 kHz, 960 samples per 20 ms,
 * on the mixer thread. The array belongs to the mixer and is overwritten after the call returns: copy what you
 * keep, and do not block.
 */
@FunctionalInterface
public interface HeardTap {
  void onMix(String legId, float[] mix48k);
}
