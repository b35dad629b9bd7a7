package io.voicegateway.media.codec;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Opus → 48 kHz mono PCM with libopus ({@link LibOpus}). The decoder state and the packet and PCM buffers
 * are native memory allocated once per leg, so a frame costs two copies and one native call and no Java
 * allocation. The state lives in a JNA {@link Memory} rather than {@code opus_decoder_create}'s heap, so it
 * is freed when the leg's decoder becomes unreachable: legs have no close hook.
 */
final class NativeOpusDecoder extends OpusDecoderBase {
  private final Memory state;
  private final Memory packet = new Memory(MAX_INPUT);
  private final Memory pcm = new Memory(MAX_FRAME * 2L);

  NativeOpusDecoder() {
    state = new Memory(LibOpus.opus_decoder_get_size(1));
    reset();
  }

  @Override
  int run(byte[] in, int off, int len, short[] out, int outOff, int frameSize, boolean fec) {
    if (frameSize <= 0) {
      return -1;
    }
    Pointer data = null;
    if (in != null) {
      packet.write(0, in, off, len);
      data = packet;
    }
    int samples = LibOpus.opus_decode(state, data, len, pcm, frameSize, fec ? 1 : 0);
    if (samples <= 0) {
      return -1; // corrupt packet or a frame longer than the room: this packet is lost, not the call
    }
    pcm.read(0, out, outOff, samples);
    return samples;
  }

  @Override
  public void reset() {
    LibOpus.check("opus_decoder_init", LibOpus.opus_decoder_init(state, SAMPLE_RATE, 1));
  }
}
