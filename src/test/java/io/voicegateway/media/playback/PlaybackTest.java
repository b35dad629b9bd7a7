package io.voicegateway.media.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.Allocations;
import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.SignalMetrics;
import io.voicegateway.media.ToneAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The playback leg on its own: chunks of any size at each rate become 20 ms frames at 48 kHz, marks are reported
 * when their audio has played, clear silences the next frame, a full queue drops the oldest. The mixer side is
 * driven frame by frame ({@link #pull}), as the mixer's stepped clock would.
 */
class PlaybackTest {
  private final List<String> played = new ArrayList<>();

  private Playback playback(int rate, int maxQueuedMs) {
    return new Playback("call", "p1", rate, maxQueuedMs, played::add);
  }

  private static byte[] bytes(short[] pcm) {
    byte[] b = new byte[pcm.length * 2];
    for (int i = 0; i < pcm.length; i++) {
      b[2 * i] = (byte) pcm[i];
      b[2 * i + 1] = (byte) (pcm[i] >> 8);
    }
    return b;
  }

  /** Writes {@code b} in chunks of random length (odd ones included, so samples straddle chunks). */
  private static void writeInRandomChunks(Playback p, byte[] b, long seed) {
    Random random = new Random(seed);
    for (int at = 0; at < b.length; ) {
      int n = Math.min(b.length - at, 1 + random.nextInt(701));
      p.write(b, at, n);
      at += n;
    }
  }

  private static float[] pullAll(Playback p, int frames) {
    float[] out = new float[frames * MixerLeg.FRAME];
    for (int f = 0; f < frames; f++) {
      float[] frame = p.pull();
      if (frame != null) {
        System.arraycopy(frame, 0, out, f * MixerLeg.FRAME, MixerLeg.FRAME);
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000, 24000, 48000})
  void chunksOfAnySizeBecomeWhole48kFramesOfTheSameTone(int rate) {
    Playback p = playback(rate, 2_000);
    writeInRandomChunks(p, bytes(SignalMetrics.tone(700, rate, rate, 0.5)), rate); // one second
    assertEquals(50, p.queuedFrames());
    float[] out = pullAll(p, 50);
    assertNull(p.pull(), "all played");
    assertEquals(50, p.framesPlayed());
    assertEquals(700, ToneAnalysis.peakHz(out, 4800, out.length, 48000, 5), 10);
    assertTrue(ToneAnalysis.snrDb(out, 4800, out.length, 700, 48000) > 30);
    assertEquals(0.5 / Math.sqrt(2), ToneAnalysis.rms(out, 4800, out.length), 0.02);
  }

  @Test
  void at48kHzTheSamplesComeThroughUnchangedWhateverTheChunking() {
    Playback p = playback(48000, 1_000);
    short[] pcm = SignalMetrics.tone(440, 48000, 4800, 0.3);
    writeInRandomChunks(p, bytes(pcm), 7);
    float[] out = pullAll(p, 5);
    for (int i = 0; i < pcm.length; i++) {
      assertEquals(pcm[i] / 32768f, out[i], 1e-6f, "sample " + i);
    }
  }

  @Test
  void marksAreReportedInOrderWhenTheirAudioHasPlayed() {
    Playback p = playback(8000, 1_000);
    byte[] frame = bytes(SignalMetrics.tone(500, 8000, 160, 0.2));
    p.write(frame, 0, frame.length);
    p.write(frame, 0, frame.length);
    p.mark("a");
    p.write(frame, 0, 100); // a partial frame: the mark after it waits for it, completed with silence
    p.mark("b");
    p.mark("c");
    p.pull();
    assertEquals(List.of(), played);
    p.pull();
    assertEquals(List.of("a"), played, "after the second frame");
    p.pull();
    assertEquals(List.of("a", "b", "c"), played);
    assertNull(p.pull());
    p.mark("idle");
    assertEquals(List.of("a", "b", "c"), played, "reported by the mixer thread, not the writer");
    p.pull();
    assertEquals(List.of("a", "b", "c", "idle"), played, "on the next tick when nothing is queued");
  }

  @Test
  void clearSilencesTheNextFrameAndReturnsThePendingMarksInOrder() {
    Playback p = playback(16000, 5_000);
    byte[] second = bytes(SignalMetrics.tone(300, 16000, 16000, 0.5));
    p.write(second, 0, second.length);
    p.mark("first");
    p.write(second, 0, 777);
    p.mark("second");
    assertTrue(p.pull() != null);
    assertEquals(List.of("first", "second"), p.clear());
    assertNull(p.pull(), "silent from the next tick");
    assertEquals(List.of(), played, "cleared marks are not reported as played");
    assertEquals(0, p.framesDropped(), "a clear is not an overflow");
    p.write(second, 0, 640);
    p.mark("after");
    assertTrue(p.pull() != null, "plays again after a clear");
    assertEquals(List.of("after"), played);
  }

  @Test
  void aFullQueueDropsTheOldestFramesAndCountsThem() {
    Playback p = playback(48000, 100); // five frames
    for (int f = 1; f <= 8; f++) {
      short[] level = new short[960];
      java.util.Arrays.fill(level, (short) (f * 1000));
      byte[] b = bytes(level);
      p.write(b, 0, b.length);
    }
    assertEquals(3, p.framesDropped());
    assertEquals(5, p.queuedFrames());
    for (int f = 4; f <= 8; f++) {
      assertEquals(f * 1000 / 32768f, p.pull()[500], 1e-6f, "frame " + f);
    }
    assertNull(p.pull());
  }

  @Test
  void aClosedPlaybackIsSilentAndTakesNoMoreAudio() {
    Playback p = playback(8000, 1_000);
    byte[] b = bytes(SignalMetrics.tone(500, 8000, 800, 0.2));
    p.write(b, 0, b.length);
    p.mark("m");
    assertEquals(List.of("m"), p.close());
    p.write(b, 0, b.length);
    assertNull(p.pull());
    assertEquals(0, p.queuedFrames());
  }

  @Test
  void badRatesAndBoundsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> playback(44100, 1_000));
    assertThrows(IllegalArgumentException.class, () -> playback(8000, 10));
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 48000})
  void aFrameInAndOutAllocatesNothing(int rate) {
    Playback p = playback(rate, 1_000);
    byte[] frame = bytes(SignalMetrics.tone(500, rate, rate / 50, 0.2));
    long bytes = Allocations.measure(() -> {
      p.write(frame, 0, 77);
      p.write(frame, 77, frame.length - 77);
      p.pull();
    }, 20_000, 10_000);
    assertEquals(0, bytes, "bytes allocated by 10 000 frames written and played");
  }

  /**
   * The writer (audio, marks, clears) racing the mixer thread: every mark leaves exactly once, as played or in a
   * clear's reply, and those played come in the order they were set.
   */
  @Test
  void racingAMixerEveryMarkIsEitherPlayedOrClearedOnceAndInOrder() throws Exception {
    List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    Playback p = new Playback("call", "p1", 8000, 200, reported::add);
    int marks = 20_000;
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CompletableFuture<Void> mixer = java.util.concurrent.CompletableFuture.runAsync(() -> {
      while (!done.get() || p.queuedFrames() > 0) {
        p.pull();
      }
      p.pull(); // reports a mark set after the last frame
    });
    List<String> cleared = new ArrayList<>();
    byte[] frame = new byte[320];
    for (int m = 0; m < marks; m++) {
      p.write(frame, 0, m % 3 == 0 ? 100 : frame.length);
      p.mark(Integer.toString(m));
      if (m % 97 == 0) {
        cleared.addAll(p.clear());
      }
    }
    done.set(true);
    mixer.get(60, java.util.concurrent.TimeUnit.SECONDS);
    List<Integer> played = reported.stream().map(Integer::parseInt).toList();
    for (int i = 1; i < played.size(); i++) {
      assertTrue(played.get(i) > played.get(i - 1), "in order at " + i);
    }
    java.util.Set<String> all = new java.util.HashSet<>(reported);
    all.addAll(cleared);
    assertEquals(marks, reported.size() + cleared.size(), "each mark once");
    assertEquals(marks, all.size(), "no mark twice, none lost");
  }
}
