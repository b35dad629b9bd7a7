package io.voicegateway.media.codec;

/**
 * What both Opus decoders (libopus, Concentus) share: 48 kHz mono, the argument checks, and the rule that a
 * FEC decode is tried only when the packet really carries FEC ({@link OpusPackets#hasFec}), so the caller can
 * tell recovery from concealment whatever the implementation.
 */
abstract class OpusDecoderBase implements AudioDecoder {
  static final int SAMPLE_RATE = 48000;
  /** 120 ms, the longest an Opus packet can decode to. */
  static final int MAX_FRAME = 5760;
  /**
   * The longest payload taken: more than any Opus packet that fits one datagram on a normal MTU (three
   * 1275-byte frames); a longer one is refused as corrupt by both implementations alike.
   */
  static final int MAX_INPUT = 4096;

  @Override
  public final int sampleRate() {
    return SAMPLE_RATE;
  }

  /** Returns the samples decoded, or -1 for a corrupt packet (nothing usable written). */
  @Override
  public final int decode(byte[] in, int off, int len, short[] out, int outOff) {
    if (len <= 0 || len > MAX_INPUT || off < 0 || off + len > in.length) {
      return -1;
    }
    return run(in, off, len, out, outOff, Math.min(out.length - outOff, MAX_FRAME), false);
  }

  /** {@code samples} must be a multiple of 2.5 ms (120 samples). */
  @Override
  public final int conceal(short[] out, int outOff, int samples) {
    return run(null, 0, 0, out, outOff, Math.min(Math.min(samples, out.length - outOff), MAX_FRAME), false);
  }

  /** {@code samples} is the duration of the lost frame; -1 when the packet has no FEC for it. */
  @Override
  public final int decodeFec(byte[] in, int off, int len, short[] out, int outOff, int samples) {
    if (len <= 0 || len > MAX_INPUT || off < 0 || off + len > in.length || !OpusPackets.hasFec(in, off, len)) {
      return -1;
    }
    return run(in, off, len, out, outOff, Math.min(Math.min(samples, out.length - outOff), MAX_FRAME), true);
  }

  /**
   * Decodes {@code in} (null: conceal a lost frame) into at most {@code frameSize} samples; with {@code fec},
   * the previous frame from this packet's FEC. Returns the samples written, or -1 (nothing usable written).
   */
  abstract int run(byte[] in, int off, int len, short[] out, int outOff, int frameSize, boolean fec);

  @Override
  public String toString() {
    return "opus";
  }
}
