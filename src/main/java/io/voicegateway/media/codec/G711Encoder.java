package io.voicegateway.media.codec;

/** 8 kHz PCM → PCMU or PCMA payload, one table lookup per sample. Stateless apart from the law. */
final class G711Encoder implements AudioEncoder {
  private final boolean alaw;

  G711Encoder(boolean alaw) {
    this.alaw = alaw;
  }

  @Override
  public int sampleRate() {
    return 8000;
  }

  /** Writes one byte per sample, as many as {@code in} holds and fit in {@code out}. */
  @Override
  public int encode(short[] in, int inOff, int samples, byte[] out, int outOff) {
    int n = Math.min(Math.min(samples, in.length - inOff), out.length - outOff);
    if (alaw) {
      for (int i = 0; i < n; i++) {
        out[outOff + i] = G711.alawEncode(in[inOff + i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[outOff + i] = G711.ulawEncode(in[inOff + i]);
      }
    }
    return Math.max(n, 0);
  }

  @Override
  public void reset() {
    // stateless
  }

  @Override
  public String toString() {
    return alaw ? "PCMA" : "PCMU";
  }
}
