package io.voicegateway.media.codec;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus → 48 kHz mono PCM in pure Java (Concentus, a port of libopus 1.1): the fallback when libopus cannot
 * be loaded ({@link OpusLibrary}). Allocates its working arrays on every frame. Stereo packets are
 * down-mixed by the decoder.
 */
final class ConcentusOpusDecoder extends OpusDecoderBase {
  private final OpusDecoder decoder;

  ConcentusOpusDecoder() {
    try {
      decoder = new OpusDecoder(SAMPLE_RATE, 1);
    } catch (OpusException e) {
      throw new IllegalStateException("Opus decoder init failed", e);
    }
  }

  @Override
  int run(byte[] in, int off, int len, short[] out, int outOff, int frameSize, boolean fec) {
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
}
