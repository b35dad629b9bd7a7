package io.voicegateway.media;

/**
 * Receives the mix one leg hears (what the mixer sends it, before its codec), 20 ms at the leg's rate
 * ({@code mix.length * 50} Hz: 8, 16 or 48 kHz), on the mixer thread. The array belongs to the mixer and is overwritten after the call returns: copy what you
 * keep, and do not block.
 */
@FunctionalInterface
public interface HeardTap {
  void onMix(String legId, float[] mix);
}
