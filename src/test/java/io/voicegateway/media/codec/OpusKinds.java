package io.voicegateway.media.codec;

import io.voicegateway.testing.Tools;

/** The Opus implementations a test can run on here: libopus needs Debian's libopus0 (see {@link Tools}). */
public final class OpusKinds {
  private OpusKinds() {}

  public static void require(OpusLibrary.Kind kind) {
    if (kind == OpusLibrary.Kind.LIBOPUS) {
      Tools.requireLibrary("libopus (Debian libopus0)", OpusLibrary.nativeFailure());
    }
  }
}
