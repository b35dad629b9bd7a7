package io.voicegateway.media.codec;

/** Decodes one leg's RTP payloads to 16-bit PCM at {@link #sampleRate()}. One instance per leg, one thread. */
public interface AudioDecoder {
  int sampleRate();

  /** Decodes one packet's payload into {@code out} from {@code outOff}; returns the samples written. */
  int decode(byte[] in, int off, int len, short[] out, int outOff);

  /**
   * Fills {@code samples} samples for a lost packet with the codec's own concealment.
   * Returns the samples written, or -1 when the codec has none (the caller then uses waveform PLC): the
   * default, for codecs such as G.711 and G.722.
   */
  default int conceal(short[] out, int outOff, int samples) {
    return -1;
  }

  /**
   * Recovers the previous, lost frame from forward error correction carried in this packet (Opus in-band
   * FEC). Returns the samples written, or -1 when the packet carries none or the codec has no FEC (the
   * default).
   */
  default int decodeFec(byte[] in, int off, int len, short[] out, int outOff, int samples) {
    return -1;
  }

  /** Forget all state (new SSRC, codec change). */
  void reset();
}
