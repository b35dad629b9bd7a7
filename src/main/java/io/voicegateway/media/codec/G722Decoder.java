package io.voicegateway.media.codec;

/** G.722 payload → 16 kHz PCM. (Work in progress: API only.) */
final class G722Decoder implements AudioDecoder {
  @Override public int sampleRate() { return 16000; }
  @Override public int decode(byte[] in, int off, int len, short[] out, int outOff) { return -1; }
  @Override public int conceal(short[] out, int outOff, int samples) { return -1; }
  @Override public int decodeFec(byte[] in, int off, int len, short[] out, int outOff, int samples) { return -1; }
  @Override public void reset() {}
}
