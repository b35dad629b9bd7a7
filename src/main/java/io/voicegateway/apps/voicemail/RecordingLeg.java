package io.voicegateway.apps.voicemail;

import io.voicegateway.apps.prompts.PromptPlayer;
import java.util.concurrent.Executor;

/**
 * The voicemail app's leg: plays the greeting, the beep and messages like any {@link PromptPlayer}, and while
 * {@link #record} is on copies what the caller says into a {@link FrameRing} for the worker that writes it.
 */
final class RecordingLeg extends PromptPlayer {
  /** Three seconds of frames: a worker drains every 250 ms, so it would have to stall for seconds to lose any. */
  static final int RING_FRAMES = 150;

  private final FrameRing ring;
  private volatile boolean recording;

  RecordingLeg(Executor app, FrameRing ring) {
    super(app);
    this.ring = ring;
  }

  void record(boolean on) {
    recording = on;
  }

  @Override
  public void push(float[] mix) {
    if (recording) {
      ring.offer(mix);
    }
  }

  @Override
  public boolean listening() {
    return recording;
  }

  @Override
  public String toString() {
    return "RecordingLeg(recording=" + recording + ")";
  }
}
