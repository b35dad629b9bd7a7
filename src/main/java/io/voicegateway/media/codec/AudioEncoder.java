package io.voicegateway.media.codec;

/** Encodes 16-bit PCM at {@link #sampleRate()} into RTP payloads. One instance per leg, one thread. */
public interface AudioEncoder {
  int sampleRate();

  /** Encodes {@code samples} samples (one packet's worth) into {@code out}; returns the payload length. */
  int encode(short[] in, int inOff, int samples, byte[] out, int outOff);

  void reset();
}
