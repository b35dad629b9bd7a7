package io.voicegateway.media.codec;

/** PCMU or PCMA payload → 8 kHz PCM, one table lookup per byte. Stateless apart from the law. */
final class G711Decoder implements AudioDecoder {
  private final boolean alaw;

  G711Decoder(boolean alaw) {
    this.alaw = alaw;
  }

  @Override
  public int sampleRate() {
    return 8000;
  }

  /** Writes one sample per byte, as many as {@code in} holds and fit in {@code out}. */
  @Override
  public int decode(byte[] in, int off, int len, short[] out, int outOff) {
    int n = Math.min(Math.min(len, in.length - off), out.length - outOff);
    if (alaw) {
      for (int i = 0; i < n; i++) {
        out[outOff + i] = G711.alawDecode(in[off + i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[outOff + i] = G711.ulawDecode(in[off + i]);
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
