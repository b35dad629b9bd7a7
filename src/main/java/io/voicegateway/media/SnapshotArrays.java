package io.voicegateway.media;

import java.util.Arrays;

/**
 * Copy-on-write arrays for what the mixer thread iterates every tick (a partition's calls, a call's
 * legs): writers publish a new array, so the 20 ms loop reads a stable snapshot without a lock.
 */
final class SnapshotArrays {
  private SnapshotArrays() {}

  /** A copy of {@code a} with {@code x} appended. */
  static <T> T[] plus(T[] a, T x) {
    T[] next = Arrays.copyOf(a, a.length + 1);
    next[a.length] = x;
    return next;
  }

  /** A copy of {@code a} without its first element identical to {@code x}; {@code a} itself when absent. */
  static <T> T[] minus(T[] a, T x) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == x) {
        T[] next = Arrays.copyOf(a, a.length - 1);
        System.arraycopy(a, i + 1, next, i, a.length - i - 1);
        return next;
      }
    }
    return a;
  }
}
