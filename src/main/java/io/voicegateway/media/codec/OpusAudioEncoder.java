package io.voicegateway.media.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * 48 kHz mono PCM → Opus (Concentus, a pure-Java port of libopus). VOIP application with in-band FEC so a
 * peer can rebuild a lost packet from the next one; DTX off because the mixer sends a frame every tick.
 */
final class OpusAudioEncoder implements AudioEncoder {
  static final int SAMPLE_RATE = 48000;
  /** The loss rate the encoder plans its FEC for; libopus adds FEC only when this is above zero. */
  static final int PACKET_LOSS_HINT_PERCENT = 10;
  /** The largest Opus packet (RFC 6716 §3.4 R2). */
  private static final int MAX_PACKET = 1275;

  private final OpusSettings config;
  private final OpusEncoder encoder;

  OpusAudioEncoder(OpusSettings config) {
    this.config = config;
    try {
      encoder = new OpusEncoder(SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
    } catch (OpusException e) {
      throw new IllegalStateException("Opus encoder init failed", e);
    }
    configure();
  }

  private void configure() {
    encoder.setBitrate(config.bitrate());
    encoder.setComplexity(Math.max(0, Math.min(10, config.complexity())));
    encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
    encoder.setUseInbandFEC(true);
    encoder.setPacketLossPercent(PACKET_LOSS_HINT_PERCENT);
    encoder.setUseDTX(false);
    encoder.setMaxBandwidth(maxBandwidthFor(config.bitrate()));
  }

  /**
   * Caps the audio bandwidth so the SILK layer keeps enough bits to code FEC. Concentus follows libopus
   * 1.1, whose SILK codes LBRR only above ~1.15 × 12/16 kbit/s (NB/WB) of its own share, and which (unlike
   * libopus 1.3's decide_fec) never narrows the band to make room: measured, FEC vanishes below 28 kbit/s
   * at fullband and below 19 kbit/s at wideband. Above 28 kbit/s the encoder picks the band itself.
   */
  static OpusBandwidth maxBandwidthFor(int bitrate) {
    if (bitrate >= 28000) {
      return OpusBandwidth.OPUS_BANDWIDTH_FULLBAND;
    }
    return bitrate >= 19000 ? OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND : OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND;
  }

  @Override
  public int sampleRate() {
    return SAMPLE_RATE;
  }

  /**
   * {@code samples} must be an Opus frame size (120, 240, 480, 960, 1920 or 2880 at 48 kHz).
   * Returns the packet length, or -1 when the frame cannot be encoded (nothing written).
   */
  @Override
  public int encode(short[] in, int inOff, int samples, byte[] out, int outOff) {
    int room = Math.min(out.length - outOff, MAX_PACKET);
    if (room <= 0 || inOff < 0 || inOff + samples > in.length) {
      return -1;
    }
    try {
      return encoder.encode(in, inOff, samples, out, outOff, room);
    } catch (OpusException | RuntimeException e) {
      return -1; // bad frame size or too little room: drop this frame, keep the stream going
    }
  }

  @Override
  public void reset() {
    encoder.resetState();
    configure();
  }

  /** The encoder's algorithmic delay in samples (what a decoded tone lags the input by). */
  int lookahead() {
    return encoder.getLookahead();
  }

  @Override
  public String toString() {
    return "opus(" + config.bitrate() + " bit/s, complexity " + config.complexity() + ")";
  }
}
