package io.voicegateway.media.codec;

import static io.voicegateway.media.codec.G722Tables.QMF;

/**
 * G.722's 24-tap quadrature mirror filter bank: splits 16 kHz into two 8 kHz sub-bands (encoder) and joins
 * them again (decoder). One instance per direction; it holds the last 24 samples.
 */
final class G722Qmf {
  private final int[] x = new int[24];
  /** Outputs of the last {@link #analyse}: the lower and higher sub-band samples. */
  int low;
  int high;

  /** Transmit QMF: two 16 kHz input samples → one sample of each sub-band. */
  void analyse(int first, int second) {
    shift(first, second);
    int odd = 0;
    int even = 0;
    for (int i = 0; i < 12; i++) {
      odd += x[2 * i] * QMF[i];
      even += x[2 * i + 1] * QMF[11 - i];
    }
    low = (even + odd) >> 14;
    high = (even - odd) >> 14;
  }

  /** Receive QMF: one sample of each sub-band → two 16 kHz output samples written at {@code off}. */
  void synthesise(int rlow, int rhigh, short[] out, int off) {
    shift(rlow + rhigh, rlow - rhigh);
    int out1 = 0;
    int out2 = 0;
    for (int i = 0; i < 12; i++) {
      out2 += x[2 * i] * QMF[i];
      out1 += x[2 * i + 1] * QMF[11 - i];
    }
    out[off] = (short) G722Band.saturate(out1 >> 11);
    out[off + 1] = (short) G722Band.saturate(out2 >> 11);
  }

  private void shift(int a, int b) {
    System.arraycopy(x, 2, x, 0, 22);
    x[22] = a;
    x[23] = b;
  }

  void reset() {
    java.util.Arrays.fill(x, 0);
    low = high = 0;
  }
}
