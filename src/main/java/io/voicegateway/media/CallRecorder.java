package io.voicegateway.media;

import java.util.Arrays;

/**
 * One call's recording as the mixer makes it: the caller's leg (the call's first leg) on the left, every other
 * leg summed on the right, 16 kHz, one stereo frame per 20 ms into a {@link FrameRing} a writer drains. Each
 * media leg of the call gets a tap ({@link #tapFor}) that fills this frame's side; the recorder is also an app leg
 * of the call's mix contributing nothing, because the mixer pushes to it once per frame after every leg was pulled:
 * that push closes the frame, so a silent leg is silence in its channel and both channels keep the call's time.
 * Everything runs on the mixer thread and allocates nothing per frame.
 */
public final class CallRecorder implements MixerLeg {
  /** Frames of slack the writer gets before frames are dropped (2.56 s at 20 ms). */
  public static final int RING_FRAMES = 128;
  public static final int SAMPLE_RATE = AudioTap.SAMPLE_RATE;
  public static final int CHANNELS = 2;
  /** Stereo sample pairs in one 20 ms frame. */
  public static final int FRAME = AudioTap.FRAME;

  private final String callId;
  private final String callerLegId;
  private final FrameRing ring = new FrameRing(RING_FRAMES, CHANNELS * FRAME);
  private final short[] left = new short[FRAME];
  private final int[] right = new int[FRAME];
  private final AudioTap callerTap = this::caller;
  private final AudioTap otherTap = this::other;
  private volatile boolean paused;
  private volatile boolean closed;

  /** @param callerLegId the call's first leg: its audio goes left */
  public CallRecorder(String callId, String callerLegId) {
    this.callId = callId;
    this.callerLegId = callerLegId;
  }

  public String callId() {
    return callId;
  }

  /** The tap a leg of the call hands its 16 kHz audio to: the left side for the caller, the right for the rest. */
  public AudioTap tapFor(String legId) {
    return callerLegId.equals(legId) ? callerTap : otherTap;
  }

  /** Where the recorded frames wait for the writer (interleaved stereo, {@code 2 * FRAME} samples each). */
  public FrameRing frames() {
    return ring;
  }

  /** Stops taking frames without ending the recording (the API's stop); {@link #resume} goes on in the same file. */
  public void pause() {
    paused = true;
  }

  public void resume() {
    paused = false;
  }

  public boolean paused() {
    return paused;
  }

  /** No frame is made after this; what the ring holds is still the writer's. */
  void close() {
    closed = true;
  }

  public boolean closed() {
    return closed;
  }

  private void caller(String legId, short[] pcm, int samples) {
    System.arraycopy(pcm, 0, left, 0, Math.min(samples, FRAME));
  }

  private void other(String legId, short[] pcm, int samples) {
    int n = Math.min(samples, FRAME);
    for (int i = 0; i < n; i++) {
      right[i] += pcm[i];
    }
  }

  /** Any: the mix it is pushed only closes the frame (the taps bring the audio), so it never sets the bus rate. */
  @Override
  public int mixRate() {
    return 0;
  }

  @Override
  public float[] pull() {
    return null; // heard by nobody
  }

  @Override
  public void push(float[] mix) {
    if (!paused && !closed) {
      short[] slot = ring.claim();
      if (slot != null) {
        StereoFrames.interleave(left, right, FRAME, slot);
        ring.publish();
      }
    }
    Arrays.fill(left, (short) 0);
    Arrays.fill(right, 0);
  }

  @Override
  public boolean listening() {
    return !closed;
  }

  @Override
  public String toString() {
    return "Recorder " + callId;
  }
}
