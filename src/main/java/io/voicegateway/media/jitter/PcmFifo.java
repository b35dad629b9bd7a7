package io.voicegateway.media.jitter;

/**
 * The per-leg PCM FIFO that re-frames decoded packets (any ptime) into 20 ms frames. Producers write straight
 * into {@link #array()} at {@link #size()} and then {@link #commit}; the frame is taken from the front. Also
 * removes a span with a cross-fade, for shrinking the buffer during quiet audio. Consumer thread only.
 */
final class PcmFifo {
  private final short[] buf;
  private int size;

  PcmFifo(int capacity) {
    buf = new short[capacity];
  }

  short[] array() {
    return buf;
  }

  int size() {
    return size;
  }

  int free() {
    return buf.length - size;
  }

  void commit(int n) {
    size += n;
  }

  /** Moves the first {@code n} samples to {@code out} and shifts the rest to the front. */
  void take(short[] out, int n) {
    System.arraycopy(buf, 0, out, 0, n);
    System.arraycopy(buf, n, buf, 0, size - n);
    size -= n;
  }

  /** Discards {@code n} samples starting at {@code from}. */
  void cut(int from, int n) {
    System.arraycopy(buf, from + n, buf, from, size - from - n);
    size -= n;
  }

  /**
   * Removes {@code n} samples at {@code from}, cross-fading the {@code fade} samples before the cut into the
   * {@code fade} samples after it, so the waveform stays continuous.
   */
  void cutSmoothly(int from, int n, int fade) {
    for (int i = 0; i < fade; i++) {
      float w = (i + 1f) / (fade + 1f);
      int a = from + i;
      buf[a] = (short) Math.round(buf[a] * (1 - w) + buf[a + n] * w);
    }
    cut(from + fade, n);
  }

  /** Appends {@code n} zeros. */
  void appendSilence(int n) {
    java.util.Arrays.fill(buf, size, size + n, (short) 0);
    size += n;
  }
}
