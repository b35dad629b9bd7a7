package io.voicegateway.media.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * 48 kHz mono PCM → Opus in pure Java (Concentus, a port of libopus 1.1): the fallback when libopus cannot
 * be loaded ({@link OpusLibrary}). Allocates its working arrays on every frame.
 */
final class ConcentusOpusEncoder extends OpusEncoderBase {
  private final OpusEncoder encoder;

  ConcentusOpusEncoder(OpusSettings config) {
    super(config);
    try {
      encoder = new OpusEncoder(SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
    } catch (OpusException e) {
      throw new IllegalStateException("Opus encoder init failed", e);
    }
    configure();
  }

  private void configure() {
    encoder.setBitrate(config.bitrate());
    encoder.setComplexity(complexity(config));
    encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
    encoder.setUseInbandFEC(true);
    encoder.setPacketLossPercent(PACKET_LOSS_HINT_PERCENT);
    encoder.setUseDTX(false);
    encoder.setMaxBandwidth(switch (maxBandwidthFor(config.bitrate())) {
      case FULLBAND -> OpusBandwidth.OPUS_BANDWIDTH_FULLBAND;
      case WIDEBAND -> OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND;
      default -> OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND;
    });
  }

  @Override
  int encodeFrame(short[] in, int inOff, int samples, byte[] out, int outOff, int room) {
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

  @Override
  int lookahead() {
    return encoder.getLookahead();
  }
}
