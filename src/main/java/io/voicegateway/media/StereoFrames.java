package io.voicegateway.media;

/** Interleaving the two sides of a recorded call into one stereo frame (left, right, left, right, …). */
final class StereoFrames {
  private StereoFrames() {}

  /**
   * Writes {@code n} stereo sample pairs into {@code out}: {@code left[i]} then {@code right[i]}, the right side
   * being a sum of several legs and so clipped to 16 bits.
   */
  static void interleave(short[] left, int[] right, int n, short[] out) {
    for (int i = 0, o = 0; i < n; i++, o += 2) {
      out[o] = left[i];
      int r = right[i];
      out[o + 1] = (short) (r > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(r, Short.MIN_VALUE));
    }
  }
}
