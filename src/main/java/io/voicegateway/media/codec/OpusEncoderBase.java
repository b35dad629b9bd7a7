package io.voicegateway.media.codec;

/**
 * What both Opus encoders (libopus, Concentus) share: 48 kHz mono, VOIP application, voice signal, in-band
 * FEC planned for {@value #PACKET_LOSS_HINT_PERCENT} % loss, DTX off (the mixer sends a frame every tick),
 * the same band cap, and the argument checks, so the two produce the same kind of stream.
 */
abstract class OpusEncoderBase implements AudioEncoder {
  static final int SAMPLE_RATE = 48000;
  /** The loss rate the encoder plans its FEC for; libopus adds FEC only when this is above zero. */
  static final int PACKET_LOSS_HINT_PERCENT = 10;
  /** The largest Opus packet (RFC 6716 §3.4 R2). */
  static final int MAX_PACKET = 1275;
  /** 120 ms, the longest frame libopus 1.2+ encodes; shorter for Concentus, which then refuses it. */
  static final int MAX_FRAME = 5760;
  /** libopus's OPUS_BANDWIDTH_* values. */
  static final int NARROWBAND = 1101;
  static final int WIDEBAND = 1103;
  static final int FULLBAND = 1105;

  final OpusSettings config;

  OpusEncoderBase(OpusSettings config) {
    this.config = config;
  }

  /**
   * Caps the audio bandwidth so the SILK layer keeps enough bits to code FEC. Concentus follows libopus
   * 1.1, whose SILK codes LBRR only above ~1.15 × 12/16 kbit/s (NB/WB) of its own share, and which (unlike
   * libopus 1.3's decide_fec) never narrows the band to make room: measured, FEC vanishes below 28 kbit/s
   * at fullband and below 19 kbit/s at wideband. Above 28 kbit/s the encoder picks the band itself. libopus
   * gets the same cap, so both implementations send the same band at a given bitrate.
   */
  static int maxBandwidthFor(int bitrate) {
    if (bitrate >= 28000) {
      return FULLBAND;
    }
    return bitrate >= 19000 ? WIDEBAND : NARROWBAND;
  }

  static int complexity(OpusSettings config) {
    return Math.max(0, Math.min(10, config.complexity()));
  }

  @Override
  public final int sampleRate() {
    return SAMPLE_RATE;
  }

  /**
   * {@code samples} must be an Opus frame size (120, 240, 480, 960, 1920 or 2880 at 48 kHz).
   * Returns the packet length, or -1 when the frame cannot be encoded (nothing written).
   */
  @Override
  public final int encode(short[] in, int inOff, int samples, byte[] out, int outOff) {
    int room = Math.min(out.length - outOff, MAX_PACKET);
    if (room <= 0 || inOff < 0 || samples <= 0 || samples > MAX_FRAME || inOff + samples > in.length) {
      return -1;
    }
    return encodeFrame(in, inOff, samples, out, outOff, room);
  }

  /** Encodes one checked frame into at most {@code room} bytes; -1 when the codec refuses it. */
  abstract int encodeFrame(short[] in, int inOff, int samples, byte[] out, int outOff, int room);

  /** The encoder's algorithmic delay in samples (what a decoded tone lags the input by). */
  abstract int lookahead();

  @Override
  public String toString() {
    return "opus(" + config.bitrate() + " bit/s, complexity " + config.complexity() + ")";
  }
}
