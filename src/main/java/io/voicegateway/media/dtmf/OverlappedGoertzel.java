package io.voicegateway.media.dtmf;

/**
 * {@link Goertzel#powers} of four frequencies over a stream of blocks that overlap by half, for half the work and
 * bit-identical results.
 *
 * <p>Each half of the stream lies in two blocks: the second half of one and the first half of the next. Both blocks'
 * filters run through that half in the same loop, the first continuing from the state it reached on its own first
 * half, the second starting from zero, and the second's state is kept for the next call. Every filter still performs
 * the same operations on the same samples in the same order as a filter run over its whole block in one go, so the
 * powers are equal to the last bit; what changes is that one pass over a half now advances eight independent
 * multiply-add chains, which overlap in the CPU, where a pass over the whole block advanced four.
 *
 * <p>A block whose powers are not needed is not computed at all; the caller says so with {@link #reset}, and the
 * next block then runs its own first half. Not thread-safe; allocation-free.
 */
final class OverlappedGoertzel {

  private final double c0;
  private final double c1;
  private final double c2;
  private final double c3;
  private final int half;
  /** The next block's filter states after its first half, (s1, s2) per filter; valid when {@link #started}. */
  private final double[] next = new double[8];
  private boolean started;

  /**
   * @param filters the four frequencies
   * @param half    samples per half block
   */
  OverlappedGoertzel(Goertzel[] filters, int half) {
    this.c0 = filters[0].coeff();
    this.c1 = filters[1].coeff();
    this.c2 = filters[2].coeff();
    this.c3 = filters[3].coeff();
    this.half = half;
  }

  /**
   * The four powers over {@code x[0..2·half)}, whose first half must be the second half of the previous call's block
   * unless {@link #reset} was called since.
   */
  void powers(float[] x, double[] power) {
    if (!started) {
      firstHalf(x);
    }
    double a1 = next[0];
    double a2 = next[1];
    double b1 = next[2];
    double b2 = next[3];
    double d1 = next[4];
    double d2 = next[5];
    double e1 = next[6];
    double e2 = next[7];
    double p1 = 0;
    double p2 = 0;
    double q1 = 0;
    double q2 = 0;
    double r1 = 0;
    double r2 = 0;
    double u1 = 0;
    double u2 = 0;
    for (int i = half; i < 2 * half; i++) {
      double v = x[i];
      // this block's second half
      double a0 = v + c0 * a1 - a2;
      double b0 = v + c1 * b1 - b2;
      double d0 = v + c2 * d1 - d2;
      double e0 = v + c3 * e1 - e2;
      // the next block's first half
      double p0 = v + c0 * p1 - p2;
      double q0 = v + c1 * q1 - q2;
      double r0 = v + c2 * r1 - r2;
      double u0 = v + c3 * u1 - u2;
      a2 = a1;
      a1 = a0;
      b2 = b1;
      b1 = b0;
      d2 = d1;
      d1 = d0;
      e2 = e1;
      e1 = e0;
      p2 = p1;
      p1 = p0;
      q2 = q1;
      q1 = q0;
      r2 = r1;
      r1 = r0;
      u2 = u1;
      u1 = u0;
    }
    power[0] = a1 * a1 + a2 * a2 - c0 * a1 * a2;
    power[1] = b1 * b1 + b2 * b2 - c1 * b1 * b2;
    power[2] = d1 * d1 + d2 * d2 - c2 * d1 * d2;
    power[3] = e1 * e1 + e2 * e2 - c3 * e1 * e2;
    keep(p1, p2, q1, q2, r1, r2, u1, u2);
  }

  /**
   * The next block runs its first half itself: the stream starts over, or a block was not computed (so the state of
   * the block after it was not either).
   */
  void reset() {
    started = false;
  }

  /** Runs the filters over {@code x[0..half)} from zero, as the start of this call's block. */
  private void firstHalf(float[] x) {
    double a1 = 0;
    double a2 = 0;
    double b1 = 0;
    double b2 = 0;
    double d1 = 0;
    double d2 = 0;
    double e1 = 0;
    double e2 = 0;
    for (int i = 0; i < half; i++) {
      double v = x[i];
      double a0 = v + c0 * a1 - a2;
      double b0 = v + c1 * b1 - b2;
      double d0 = v + c2 * d1 - d2;
      double e0 = v + c3 * e1 - e2;
      a2 = a1;
      a1 = a0;
      b2 = b1;
      b1 = b0;
      d2 = d1;
      d1 = d0;
      e2 = e1;
      e1 = e0;
    }
    keep(a1, a2, b1, b2, d1, d2, e1, e2);
  }

  private void keep(double a1, double a2, double b1, double b2, double d1, double d2, double e1, double e2) {
    next[0] = a1;
    next[1] = a2;
    next[2] = b1;
    next[3] = b2;
    next[4] = d1;
    next[5] = d2;
    next[6] = e1;
    next[7] = e2;
    started = true;
  }
}
