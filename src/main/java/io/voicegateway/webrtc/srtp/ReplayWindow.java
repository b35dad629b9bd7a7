package io.voicegateway.webrtc.srtp;

/**
 * The sliding replay window of RFC 3711 §3.3.2 over packet indices: the highest index accepted and a 64-bit mask
 * of which of the 64 below it arrived. Checked before the tag, updated only after the tag verified, so a forged
 * packet cannot move it.
 */
final class ReplayWindow {
  static final int SIZE = 64;

  private long top = -1;
  private long seen;

  /** True when {@code index} is ahead of the window or inside it and not yet seen. */
  boolean isFresh(long index) {
    if (index > top) {
      return true;
    }
    long behind = top - index;
    return behind < SIZE && (seen & (1L << behind)) == 0;
  }

  void reset() {
    top = -1;
    seen = 0;
  }

  void accept(long index) {
    if (index > top) {
      long shift = index - top;
      seen = shift >= SIZE ? 1L : (seen << shift) | 1L;
      top = index;
    } else {
      seen |= 1L << (top - index);
    }
  }
}
