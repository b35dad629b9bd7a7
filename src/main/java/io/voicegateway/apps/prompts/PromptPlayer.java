package io.voicegateway.apps.prompts;

import io.voicegateway.media.MixerLeg;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An app leg that plays prompts into its call, one after the other, and hears nothing. The app (on its event
 * loop) hands over a whole playlist with {@link #play}; the mixer thread walks it 20 ms at a time and, at its end,
 * runs the playlist's {@code finished} on the app's executor, never on the mixer thread. {@link #stop} cuts the
 * playlist short (barge-in on a key): its {@code finished} then never runs. No allocation per frame.
 */
public class PromptPlayer implements MixerLeg {
  /** One playlist: immutable, handed from the app to the mixer thread. */
  private record Playlist(List<PromptAudio> prompts, Runnable finished) {}

  /** What {@link #stop} hands over: one slot carries either command, so the last call wins, whatever the race. */
  private static final Playlist STOP = new Playlist(List.of(), null);

  private final Executor app;
  private final float[] frame = new float[FRAME];
  private final AtomicReference<Playlist> next = new AtomicReference<>();
  // the mixer thread's own position in the playlist it plays
  private Playlist playing;
  private int prompt;
  private int offset;

  /** @param app runs each playlist's {@code finished} (the app's event loop: {@code task -> context.runOnContext(v -> task.run())}) */
  public PromptPlayer(Executor app) {
    this.app = app;
  }

  /**
   * Plays {@code prompts} in order from the next frame on, replacing what played (whose {@code finished} then
   * never runs); once the last sample has gone to the mixer, runs {@code finished} (may be null) on the app's
   * executor.
   */
  public void play(List<PromptAudio> prompts, Runnable finished) {
    next.set(new Playlist(List.copyOf(prompts), finished));
  }

  /** Stops playing from the next frame on (barge-in); the current playlist's {@code finished} does not run. */
  public void stop() {
    next.set(STOP);
  }

  @Override
  public float[] pull() {
    Playlist handed = next.getAndSet(null);
    if (handed != null) {
      playing = handed == STOP ? null : handed;
      prompt = 0;
      offset = 0;
    }
    if (playing == null) {
      return null;
    }
    int filled = 0;
    List<PromptAudio> prompts = playing.prompts();
    while (filled < FRAME && prompt < prompts.size()) {
      float[] samples = prompts.get(prompt).samples();
      int n = Math.min(FRAME - filled, samples.length - offset);
      System.arraycopy(samples, offset, frame, filled, n);
      filled += n;
      offset += n;
      if (offset == samples.length) {
        prompt++;
        offset = 0;
      }
    }
    if (filled < FRAME) {
      Arrays.fill(frame, filled, FRAME, 0f);
    }
    if (prompt == prompts.size()) {
      Runnable finished = playing.finished();
      playing = null;
      if (finished != null) {
        app.execute(finished);
      }
    }
    return filled == 0 ? null : frame;
  }

  @Override
  public void push(float[] mix) {
    // a prompt player only speaks; apps that also listen (voicemail) extend it
  }

  @Override
  public boolean listening() {
    return false;
  }

  /** Whether a playlist is playing or handed over (mixer-thread view; approximate from other threads). */
  public boolean busy() {
    Playlist handed = next.get();
    return handed != null ? handed != STOP : playing != null;
  }
}
