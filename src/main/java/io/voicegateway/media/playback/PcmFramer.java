package io.voicegateway.media.playback;

/**
 * Cuts a stream of PCM16 little-endian bytes, arriving in chunks of any length (odd ones too), into 20 ms frames
 * at its rate. Writer side only; allocates nothing.
 */
final class PcmFramer {
  /** Where each whole frame goes. */
  interface FrameSink {
    void frame(short[] frame);
  }

  private final short[] frame;
  private int filled;
  private int lowByte = -1; // the first byte of a sample split between two chunks

  PcmFramer(int sampleRate) {
    this.frame = new short[sampleRate / 50];
  }

  void write(byte[] pcm, int offset, int length, FrameSink sink) {
    int at = offset;
    int end = offset + length;
    if (lowByte >= 0 && at < end) {
      add((short) (lowByte | pcm[at++] << 8), sink);
      lowByte = -1;
    }
    for (; at + 1 < end; at += 2) {
      add((short) ((pcm[at] & 0xff) | pcm[at + 1] << 8), sink);
    }
    if (at < end) {
      lowByte = pcm[at] & 0xff;
    }
  }

  private void add(short sample, FrameSink sink) {
    frame[filled++] = sample;
    if (filled == frame.length) {
      sink.frame(frame);
      filled = 0;
    }
  }

  /** Completes a partial frame with silence (a mark goes behind all audio sent so far); false when there was none. */
  boolean flush(FrameSink sink) {
    if (filled == 0) {
      return false;
    }
    java.util.Arrays.fill(frame, filled, frame.length, (short) 0);
    sink.frame(frame);
    filled = 0;
    return true;
  }

  /** Forgets a partial frame (clear). */
  void reset() {
    filled = 0;
    lowByte = -1;
  }
}
