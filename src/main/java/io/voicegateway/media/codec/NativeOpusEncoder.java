package io.voicegateway.media.codec;

import com.sun.jna.Memory;

/**
 * 48 kHz mono PCM → Opus with libopus ({@link LibOpus}), configured as {@link ConcentusOpusEncoder} is.
 * State and buffers are native memory allocated once per leg (freed with the encoder, see
 * {@link NativeOpusDecoder}): a frame costs two copies and one native call and no Java allocation.
 */
final class NativeOpusEncoder extends OpusEncoderBase {
  private final Memory state;
  private final Memory pcm = new Memory(MAX_FRAME * 2L);
  private final Memory packet = new Memory(MAX_PACKET);
  private int lookahead;

  NativeOpusEncoder(OpusSettings config) {
    super(config);
    state = new Memory(LibOpus.opus_encoder_get_size(1));
    reset();
  }

  @Override
  int encodeFrame(short[] in, int inOff, int samples, byte[] out, int outOff, int room) {
    pcm.write(0, in, inOff, samples);
    int len = LibOpus.opus_encode(state, pcm, samples, packet, room);
    if (len <= 0) {
      return -1; // not an Opus frame size: drop this frame, keep the stream going
    }
    packet.read(0, out, outOff, len);
    return len;
  }

  /** Re-initialises the state in place and applies the settings again (a new SSRC or codec change). */
  @Override
  public void reset() {
    LibOpus.check("opus_encoder_init",
        LibOpus.opus_encoder_init(state, SAMPLE_RATE, 1, LibOpus.APPLICATION_VOIP));
    LibOpus.encoderCtl(state, LibOpus.SET_BITRATE, config.bitrate());
    LibOpus.encoderCtl(state, LibOpus.SET_COMPLEXITY, complexity(config));
    LibOpus.encoderCtl(state, LibOpus.SET_SIGNAL, LibOpus.SIGNAL_VOICE);
    LibOpus.encoderCtl(state, LibOpus.SET_INBAND_FEC, 1);
    LibOpus.encoderCtl(state, LibOpus.SET_PACKET_LOSS_PERC, PACKET_LOSS_HINT_PERCENT);
    LibOpus.encoderCtl(state, LibOpus.SET_DTX, 0);
    LibOpus.encoderCtl(state, LibOpus.SET_MAX_BANDWIDTH, maxBandwidthFor(config.bitrate()));
    lookahead = LibOpus.encoderGet(state, LibOpus.GET_LOOKAHEAD);
  }

  @Override
  int lookahead() {
    return lookahead;
  }
}
