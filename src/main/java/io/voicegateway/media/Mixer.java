package io.voicegateway.media;

/**
 * The 20 ms mix-minus mixer of one partition. It starts no timer: {@link #tick} is its only entry point,
 * called by {@code MixerVerticle} with {@code System.nanoTime()} and by tests with a stepped clock.
 *
 * <p>Each call keeps its own frame clock anchored at the tick that first saw it: a tick produces every
 * frame due since then, so a late timer is caught up and timer jitter never accumulates into drift. After a
 * stall longer than {@link #MAX_CATCH_UP} frames the excess is skipped (and counted) rather than sent to
 * the phones as a burst their jitter buffers would drop anyway.
 */
public final class Mixer {
  public static final long FRAME_NANOS = 20_000_000L;
  public static final int MAX_CATCH_UP = 5;

  private final MixerPartition partition;
  // Written by the mixer thread only; volatile so the API and metrics can read them from anywhere.
  private volatile long ticks;
  private volatile long lateTicks;
  private volatile long framesMixed;
  private volatile long framesSkipped;

  public Mixer(MixerPartition partition) {
    this.partition = partition;
  }

  /** Mixes every frame due at {@code nowNanos} (a monotonic clock) for every call of the partition. */
  public void tick(long nowNanos) {
    ticks++;
    boolean late = false;
    MixerCall[] calls = partition.calls();
    for (MixerCall call : calls) {
      if (!call.started) {
        call.started = true;
        call.startNanos = nowNanos;
      }
      long due = (nowNanos - call.startNanos) / FRAME_NANOS + 1;
      long behind = due - call.framesDone;
      if (behind > 1) {
        late = true;
      }
      if (behind > MAX_CATCH_UP) {
        framesSkipped += behind - MAX_CATCH_UP;
        call.framesDone = due - MAX_CATCH_UP;
      }
      while (call.framesDone < due) {
        call.mixFrame();
        call.framesDone++;
        framesMixed++;
      }
    }
    if (late) {
      lateTicks++;
    }
  }

  public long ticks() {
    return ticks;
  }

  /** Ticks that found at least one call more than one frame behind. */
  public long lateTicks() {
    return lateTicks;
  }

  public long framesMixed() {
    return framesMixed;
  }

  public long framesSkipped() {
    return framesSkipped;
  }

  public MixerPartition partition() {
    return partition;
  }
}
