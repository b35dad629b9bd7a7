package io.voicegateway.media.codec;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus → 48 kHz mono PCM (Concentus). Stereo packets are down-mixed by the decoder. Loss is handled by
 * Opus itself: {@link #conceal} runs its PLC, {@link #decodeFec} pulls the lost frame out of the next
 * packet's in-band FEC.
 */
final class OpusAudioDecoder implements AudioDecoder {
  static final int SAMPLE_RATE = 48000;
  /** 120 ms, the longest an Opus packet can decode to. */
  private static final int MAX_FRAME = 5760;

  private final OpusDecoder decoder;

  OpusAudioDecoder() {
    try {
      decoder = new OpusDecoder(SAMPLE_RATE, 1);
    } catch (OpusException e) {
      throw new IllegalStateException("Opus decoder init failed", e);
    }
  }

  @Override
  public int sampleRate() {
    return SAMPLE_RATE;
  }

  /** Returns the samples decoded, or -1 for a corrupt packet (nothing usable written). */
  @Override
  public int decode(byte[] in, int off, int len, short[] out, int outOff) {
    if (len <= 0 || off < 0 || off + len > in.length) {
      return -1;
    }
    return run(in, off, len, out, outOff, Math.min(out.length - outOff, MAX_FRAME), false);
  }

  /** {@code samples} must be a multiple of 2.5 ms (120 samples). */
  @Override
  public int conceal(short[] out, int outOff, int samples) {
    return run(null, 0, 0, out, outOff, Math.min(samples, out.length - outOff), false);
  }

  /** {@code samples} is the duration of the lost frame; -1 when the packet has no FEC for it. */
  @Override
  public int decodeFec(byte[] in, int off, int len, short[] out, int outOff, int samples) {
    if (len <= 0 || off < 0 || off + len > in.length || !OpusPackets.hasFec(in, off, len)) {
      return -1;
    }
    return run(in, off, len, out, outOff, Math.min(samples, out.length - outOff), true);
  }

  private int run(byte[] in, int off, int len, short[] out, int outOff, int frameSize, boolean fec) {
    if (frameSize <= 0) {
      return -1;
    }
    try {
      return decoder.decode(in, off, len, out, outOff, frameSize, fec);
    } catch (OpusException | RuntimeException e) {
      // Concentus is a port of C code fed from the network: a malformed packet may surface as an index
      // error rather than an OpusException. Either way this packet is lost, not the call.
      return -1;
    }
  }

  @Override
  public void reset() {
    decoder.resetState();
  }

  @Override
  public String toString() {
    return "opus";
  }
}
