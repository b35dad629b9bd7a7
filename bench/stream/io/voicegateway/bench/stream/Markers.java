package io.voicegateway.bench.stream;

import io.voicegateway.media.codec.G711;
import java.util.Arrays;

/**
 * The load's markers: a loud 20 ms burst (1 kHz) in μ-law silence, and the detector that finds a burst's onset in
 * audio coming back. The gateway's resamplers smear a burst over a few samples and G.711 adds no noise to digital
 * silence, so a plain level threshold with a re-arm after a stretch of quiet finds each burst once.
 */
final class Markers {
  /** One 20 ms frame at 8 kHz. */
  static final int FRAME = 160;
  /** |sample| above this is the burst; the burst's peak is 16 000, the gateway's silence 0. */
  static final int LOUD = 4000;
  /** Quiet needed before the next burst counts: 100 ms, a fifth of the markers' spacing. */
  static final int REARM_SAMPLES = 800;

  private Markers() {}

  static byte[] burst() {
    byte[] out = new byte[FRAME];
    for (int i = 0; i < FRAME; i++) {
      out[i] = G711.ulawEncode((short) Math.round(16000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0 + Math.PI / 4)));
    }
    return out;
  }

  static byte[] silence() {
    byte[] out = new byte[FRAME];
    Arrays.fill(out, G711.ulawEncode((short) 0));
    return out;
  }

  /** Finds burst onsets in one direction of one call, chunk by chunk. Not thread-safe: one reader per direction. */
  static final class Onsets {
    private int quietRun = REARM_SAMPLES;

    /** @return the offset within the chunk of the first sample of a new burst, or -1 if none starts in it */
    int feed(byte[] ulaw, int offset, int length) {
      int onset = -1;
      for (int i = offset; i < offset + length; i++) {
        if (Math.abs(G711.ulawDecode(ulaw[i])) > LOUD) {
          if (quietRun >= REARM_SAMPLES && onset < 0) {
            onset = i - offset;
          }
          quietRun = 0;
        } else if (quietRun < REARM_SAMPLES) {
          quietRun++;
        }
      }
      return onset;
    }
  }
}
