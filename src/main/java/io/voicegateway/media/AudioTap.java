package io.voicegateway.media;

/**
 * Receives one leg's decoded incoming audio as 16 kHz mono PCM16, 320 samples per 20 ms, on the mixer
 * thread (the streaming feature and recorders attach here). The array is reused after the call returns:
 * copy what you keep, and do not block.
 */
@FunctionalInterface
public interface AudioTap {
  int SAMPLE_RATE = 16000;
  int FRAME = 320;

  void onAudio(String legId, short[] pcm16k, int samples);
}
