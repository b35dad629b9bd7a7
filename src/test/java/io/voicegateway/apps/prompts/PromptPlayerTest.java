package io.voicegateway.apps.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.Allocations;
import io.voicegateway.media.MixerLeg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The prompt player as the mixer drives it: this thread plays the mixer (calls {@code pull}), and a queue plays the
 * app's event loop, so what runs "on the app" is visible and runs only when the test says.
 */
class PromptPlayerTest {
  private final List<Runnable> appLoop = new ArrayList<>();
  private final PromptPlayer player = new PromptPlayer(appLoop::add);
  private final AtomicInteger finished = new AtomicInteger();

  @Test
  void playsThePlaylistInOrderAcrossFrameBoundaries() {
    player.play(List.of(constant(0.1f, 1500), constant(0.2f, 1000)), finished::incrementAndGet);

    float[] one = player.pull().clone();
    float[] two = player.pull().clone();
    float[] three = player.pull().clone();

    assertAll(one, 0, 960, 0.1f);
    assertAll(two, 0, 540, 0.1f);
    assertAll(two, 540, 960, 0.2f);
    assertAll(three, 0, 580, 0.2f);
    assertAll(three, 580, 960, 0f);
    assertNull(player.pull(), "nothing after the playlist");
    assertFalse(player.busy());
  }

  @Test
  void finishedRunsOnTheAppsExecutorNotTheMixerThread() {
    player.play(List.of(constant(0.1f, 960)), finished::incrementAndGet);
    player.pull();
    assertEquals(0, finished.get(), "never inline on the mixer thread");
    assertEquals(1, appLoop.size());
    appLoop.remove(0).run();
    assertEquals(1, finished.get());
    player.pull();
    assertTrue(appLoop.isEmpty(), "once");
  }

  @Test
  void stopCutsThePlaylistShortWithoutFinished() {
    player.play(List.of(constant(0.1f, 4800)), finished::incrementAndGet);
    player.pull();
    player.stop();
    assertNull(player.pull());
    assertNull(player.pull());
    assertTrue(appLoop.isEmpty());
    assertFalse(player.busy());
  }

  @Test
  void aPlaylistHandedOverAfterAStopPlays() {
    player.play(List.of(constant(0.1f, 4800)), finished::incrementAndGet);
    player.pull();
    player.stop();
    player.play(List.of(constant(0.3f, 960)), finished::incrementAndGet);
    assertAll(player.pull(), 0, 960, 0.3f);
    assertEquals(1, appLoop.size(), "only the second playlist finishes");

    player.stop();
    player.pull();
    player.play(List.of(constant(0.4f, 960)), null);
    assertAll(player.pull(), 0, 960, 0.4f);
  }

  @Test
  void aNewPlaylistReplacesThePlayingOneWhoseFinishedNeverRuns() {
    player.play(List.of(constant(0.1f, 4800)), () -> finished.addAndGet(100));
    player.pull();
    player.play(List.of(constant(0.2f, 960)), finished::incrementAndGet);
    assertAll(player.pull(), 0, 960, 0.2f);
    appLoop.forEach(Runnable::run);
    assertEquals(1, finished.get());
  }

  @Test
  void anEmptyPlaylistFinishesAtOnce() {
    player.play(List.of(), finished::incrementAndGet);
    assertNull(player.pull());
    assertEquals(1, appLoop.size());
  }

  @Test
  void pullsWithoutAllocatingAfterTheFirstFrame() {
    player.play(List.of(constant(0.1f, 480), constant(0.2f, 48_000 * 600)), null);
    float[] first = player.pull();
    long bytes = Allocations.measure(() -> {
      if (player.pull() != first) {
        throw new AssertionError("a new frame buffer");
      }
    }, 2_000, 10_000);
    assertEquals(0, bytes, "bytes allocated by 10 000 pulls");
    assertSame(first, player.pull());
  }

  @Test
  void hearsNothing() {
    assertFalse(player.listening());
  }

  private static PromptAudio constant(float value, int samples) {
    float[] s = new float[samples];
    Arrays.fill(s, value);
    return new PromptAudio(s);
  }

  private static void assertAll(float[] frame, int from, int to, float value) {
    assertEquals(MixerLeg.FRAME, frame.length);
    for (int i = from; i < to; i++) {
      assertEquals(value, frame[i], "sample " + i);
    }
  }
}
