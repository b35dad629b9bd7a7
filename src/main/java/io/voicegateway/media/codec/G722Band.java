package io.voicegateway.media.codec;

import static io.voicegateway.media.codec.G722Tables.ILB;

/**
 * The ADPCM state of one G.722 sub-band, shared by encoder and decoder: the scale factor (blocks 3L/3H)
 * and the pole-zero predictor with its sign-sign adaptation (block 4). Arithmetic follows the ITU-T
 * fixed-point description so both ends of a call track each other exactly.
 */
final class G722Band {
  private final boolean low;
  /** Predicted signal (s), its pole (sp) and zero (sz) parts. */
  int s;
  private int sp;
  private int sz;
  /** Log scale factor (NBL/NBH) and scale factor (DETL/DETH). */
  private int nb;
  int det;
  /** Reconstructed signal, partial reconstruction and difference histories; pole and zero coefficients. */
  private final int[] r = new int[3];
  private final int[] p = new int[3];
  private final int[] d = new int[7];
  private final int[] a = new int[3];
  private final int[] b = new int[7];
  private final int[] ap = new int[3];
  private final int[] bp = new int[7];

  G722Band(boolean low) {
    this.low = low;
    reset();
  }

  void reset() {
    s = sp = sz = nb = 0;
    det = low ? 32 : 8;
    java.util.Arrays.fill(r, 0);
    java.util.Arrays.fill(p, 0);
    java.util.Arrays.fill(d, 0);
    java.util.Arrays.fill(a, 0);
    java.util.Arrays.fill(b, 0);
    java.util.Arrays.fill(ap, 0);
    java.util.Arrays.fill(bp, 0);
  }

  /** Blocks 3L/3H (LOGSCL/LOGSCH + SCALEL/SCALEH): adapts the scale factor to the last code's weight. */
  void adaptScale(int weight) {
    int wd = (nb * 127) >> 7; // leakage
    nb = clamp(wd + weight, 0, low ? 18432 : 22528);
    int wd1 = (nb >> 6) & 31;
    int wd2 = (low ? 8 : 10) - (nb >> 11);
    int wd3 = wd2 < 0 ? ILB[wd1] << -wd2 : ILB[wd1] >> wd2;
    det = wd3 << 2;
  }

  /** Block 4: updates the predictor with the quantised difference {@code dq} and predicts the next s. */
  void adaptPredictor(int dq) {
    // RECONS, PARREC
    d[0] = dq;
    r[0] = saturate(s + dq);
    p[0] = saturate(sz + dq);

    // UPPOL2: second pole coefficient
    int sg0 = p[0] >> 15;
    int sg1 = p[1] >> 15;
    int sg2 = p[2] >> 15;
    int wd1 = saturate(a[1] << 2);
    int wd2 = sg0 == sg1 ? -wd1 : wd1;
    if (wd2 > 32767) {
      wd2 = 32767;
    }
    int wd3 = (wd2 >> 7) + (sg0 == sg2 ? 128 : -128);
    wd3 += (a[2] * 32512) >> 15;
    ap[2] = clamp(wd3, -12288, 12288);

    // UPPOL1: first pole coefficient, bounded by the second for stability
    wd1 = sg0 == sg1 ? 192 : -192;
    wd2 = (a[1] * 32640) >> 15;
    int limit = saturate(15360 - ap[2]);
    ap[1] = clamp(saturate(wd1 + wd2), -limit, limit);

    // UPZERO: six zero coefficients, sign-sign with leakage
    wd1 = dq == 0 ? 0 : 128;
    int sgd = dq >> 15;
    for (int i = 1; i < 7; i++) {
      wd2 = (d[i] >> 15) == sgd ? wd1 : -wd1;
      wd3 = (b[i] * 32640) >> 15;
      bp[i] = saturate(wd2 + wd3);
    }

    // DELAYA
    for (int i = 6; i > 0; i--) {
      d[i] = d[i - 1];
      b[i] = bp[i];
    }
    for (int i = 2; i > 0; i--) {
      r[i] = r[i - 1];
      p[i] = p[i - 1];
      a[i] = ap[i];
    }

    // FILTEP, FILTEZ, PREDIC
    wd1 = (a[1] * saturate(r[1] + r[1])) >> 15;
    wd2 = (a[2] * saturate(r[2] + r[2])) >> 15;
    sp = saturate(wd1 + wd2);
    int zero = 0;
    for (int i = 6; i > 0; i--) {
      zero += (b[i] * saturate(d[i] + d[i])) >> 15;
    }
    sz = saturate(zero);
    s = saturate(sp + sz);
  }

  static int saturate(int v) {
    return clamp(v, -32768, 32767);
  }

  static int clamp(int v, int lo, int hi) {
    return v < lo ? lo : v > hi ? hi : v;
  }
}
