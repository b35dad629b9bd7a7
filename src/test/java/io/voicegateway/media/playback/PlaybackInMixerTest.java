package io.voicegateway.media.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.Mixer;
import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.media.ToneAnalysis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A playback in a call's mix, the mixer stepped by a fake clock: the other party hears it, a clear stops it at once. */
class PlaybackInMixerTest {
  /** A party that says nothing and keeps the RMS of each frame it hears. */
  private static final class Listener implements MixerLeg {
    final List<Double> heard = new ArrayList<>();

    @Override
    public float[] pull() {
      return null;
    }

    @Override
    public void push(float[] mix) {
      heard.add(ToneAnalysis.rms(mix, 0, FRAME));
    }

    @Override
    public boolean listening() {
      return true;
    }
  }

  private long now = 1_000_000_000L;

  @Test
  void theOtherPartyHearsThePlaybackUntilItIsCleared() {
    MediaEngine engine = TestMediaConfig.engine(42100, 42110);
    Mixer mixer = engine.mixer(0);
    Listener caller = new Listener();
    engine.attach("call", caller);
    List<String> marks = new ArrayList<>();
    Playback playback = new Playback("call", "p1", 8000, 10_000, marks::add);
    assertTrue(engine.attachToLiveCall("call", playback));
    assertFalse(engine.attachToLiveCall("no-such-call", playback));

    short[] tone = io.voicegateway.media.SignalMetrics.tone(400, 8000, 8000, 0.5);
    byte[] pcm = new byte[tone.length * 2];
    for (int i = 0; i < tone.length; i++) {
      pcm[2 * i] = (byte) tone[i];
      pcm[2 * i + 1] = (byte) (tone[i] >> 8);
    }
    playback.write(pcm, 0, 3200); // 200 ms
    playback.mark("greeting");
    playback.write(pcm, 3200, pcm.length - 3200);
    for (int f = 0; f < 10; f++) {
      mixer.tick(now);
      now += Mixer.FRAME_NANOS;
    }
    assertEquals(List.of("greeting"), marks);
    for (int f = 2; f < 10; f++) { // past the resampler's start-up
      assertEquals(0.35, caller.heard.get(f), 0.02, "frame " + f);
    }
    playback.clear();
    mixer.tick(now);
    assertEquals(0.0, caller.heard.get(10), 1e-9, "silent on the very next tick");
    assertEquals(10, playback.framesPlayed());

    engine.detach("call", playback);
    playback.write(pcm, 0, 3200);
    now += Mixer.FRAME_NANOS;
    mixer.tick(now);
    assertEquals(0.0, caller.heard.get(11), 1e-9, "detached: out of the mix");
  }
}
