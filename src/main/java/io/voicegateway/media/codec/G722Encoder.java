package io.voicegateway.media.codec;

/** 16 kHz PCM → G.722 payload. (Work in progress: API only.) */
final class G722Encoder implements AudioEncoder {
  @Override public int sampleRate() { return 16000; }
  @Override public int encode(short[] in, int inOff, int samples, byte[] out, int outOff) { return -1; }
  @Override public void reset() {}
}
