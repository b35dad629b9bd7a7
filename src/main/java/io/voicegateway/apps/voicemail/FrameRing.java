package io.voicegateway.apps.voicemail;

import io.voicegateway.media.MixerLeg;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands the caller's 20 ms frames from the mixer thread to the worker that writes the message: a single-producer,
 * single-consumer ring of preallocated frames, so the mixer thread only copies (no allocation, no lock, never
 * waits). A worker that falls behind by the whole ring loses frames, counted in {@link #dropped()}, rather than
 * stalling the mix.
 */
final class FrameRing {
  private final float[][] slots;
  /** Frames written by the producer; only it writes, the consumer reads. */
  private final AtomicLong written = new AtomicLong();
  /** Frames consumed; only the consumer writes, the producer reads. */
  private final AtomicLong read = new AtomicLong();
  private volatile long dropped;

  FrameRing(int frames) {
    slots = new float[frames][MixerLeg.FRAME];
  }

  /** Producer: copies {@code frame} in; false (and one more dropped) when the ring is full. */
  boolean offer(float[] frame) {
    long w = written.get();
    if (w - read.get() == slots.length) {
      dropped++;
      return false;
    }
    System.arraycopy(frame, 0, slots[(int) (w % slots.length)], 0, MixerLeg.FRAME);
    written.lazySet(w + 1);
    return true;
  }

  /** Consumer: the oldest frame not yet released, or null when empty; valid until {@link #release()}. */
  float[] peek() {
    long r = read.get();
    return r == written.get() ? null : slots[(int) (r % slots.length)];
  }

  /** Consumer: done with the frame {@link #peek()} gave. */
  void release() {
    read.lazySet(read.get() + 1);
  }

  long dropped() {
    return dropped;
  }
}
