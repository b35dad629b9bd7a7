package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixerTest {
  private static final long MS = 1_000_000L;

  /** A leg that says a constant level and remembers the level it heard on each frame. */
  static class ConstantLeg implements MixerLeg {
    final float[] frame = new float[FRAME];
    final List<Float> heard = new ArrayList<>();
    boolean talking = true;
    boolean listening = true;
    int pulls;

    ConstantLeg(float level) {
      Arrays.fill(frame, level);
    }

    @Override
    public float[] pull() {
      pulls++;
      return talking ? frame : null;
    }

    @Override
    public void push(float[] mix) {
      for (int k = 1; k < FRAME; k++) {
        assertEquals(mix[0], mix[k], 0f);
      }
      heard.add(mix[0]);
    }

    @Override
    public boolean listening() {
      return listening;
    }

    float last() {
      return heard.get(heard.size() - 1);
    }
  }

  private final MixerPartition partition = new MixerPartition(0);
  private final Mixer mixer = new Mixer(partition);

  private MixerCall call(MixerLeg... legs) {
    MixerCall call = new MixerCall("c1");
    for (MixerLeg leg : legs) {
      call.add(leg);
    }
    partition.add(call);
    return call;
  }

  @Test
  void everyLegHearsTheOthersButNotItself() {
    ConstantLeg a = new ConstantLeg(0.1f);
    ConstantLeg b = new ConstantLeg(0.2f);
    ConstantLeg c = new ConstantLeg(0.3f);
    call(a, b, c);

    mixer.tick(0);

    assertEquals(0.5f, a.last(), 1e-6f);
    assertEquals(0.4f, b.last(), 1e-6f);
    assertEquals(0.3f, c.last(), 1e-6f);
  }

  @Test
  void loudSumsAreSoftClippedInsideFullScale() {
    ConstantLeg a = new ConstantLeg(0f);
    ConstantLeg b = new ConstantLeg(0.9f);
    ConstantLeg c = new ConstantLeg(0.9f);
    call(a, b, c);

    mixer.tick(0);

    assertTrue(a.last() < 1f && a.last() > 0.9f, "1.8 compressed below full scale: " + a.last());
    assertEquals(0.9f, b.last(), 0.02f, "single talker near the knee barely touched");
  }

  @Test
  void ticksOnTimeProduceOneFrameEach() {
    ConstantLeg a = new ConstantLeg(0.1f);
    ConstantLeg b = new ConstantLeg(0.2f);
    call(a, b);
    long start = 5_000 * MS;

    for (int i = 0; i < 50; i++) {
      mixer.tick(start + i * 20 * MS + (i % 3) * MS); // a millisecond or two of timer jitter
    }

    assertEquals(50, a.heard.size());
    assertEquals(0, mixer.lateTicks());
  }

  @Test
  void catchesUpAfterALateTickWithoutDrift() {
    ConstantLeg a = new ConstantLeg(0.1f);
    ConstantLeg b = new ConstantLeg(0.2f);
    call(a, b);

    mixer.tick(0);
    mixer.tick(20 * MS);
    mixer.tick(79 * MS); // frames 2 and 3 are due (40, 60 ms): two frames now
    assertEquals(4, a.heard.size());
    assertEquals(1, mixer.lateTicks());
    mixer.tick(80 * MS); // frame 4 due at 80 ms
    assertEquals(5, a.heard.size());

    // An early timer (19 ms) produces nothing; the schedule stays anchored at the start.
    mixer.tick(99 * MS);
    assertEquals(5, a.heard.size());
    for (int i = 5; i < 1000; i++) {
      mixer.tick(i * 20 * MS + 7 * MS);
    }
    assertEquals(1000, a.heard.size(), "after 20 s, exactly 1000 frames");
    assertEquals(1000, b.pulls);
  }

  @Test
  void aLongStallIsSkippedNotBurst() {
    ConstantLeg a = new ConstantLeg(0.1f);
    call(a, new ConstantLeg(0.2f));

    mixer.tick(0);
    mixer.tick(1000 * MS); // 50 frames due at once after a 1 s stall

    assertEquals(1 + Mixer.MAX_CATCH_UP, a.heard.size());
    assertEquals(50 - Mixer.MAX_CATCH_UP, mixer.framesSkipped());
    mixer.tick(1020 * MS);
    assertEquals(2 + Mixer.MAX_CATCH_UP, a.heard.size(), "back on the original 20 ms grid");
  }

  @Test
  void aHeldLegNeitherTalksNorHears() {
    ConstantLeg a = new ConstantLeg(0.1f);
    ConstantLeg b = new ConstantLeg(0.2f);
    ConstantLeg held = new ConstantLeg(0.4f);
    held.talking = false;
    held.listening = false;
    call(a, b, held);

    mixer.tick(0);

    assertEquals(0.2f, a.last(), 1e-6f);
    assertEquals(0.1f, b.last(), 1e-6f);
    assertEquals(0, held.heard.size());

    held.talking = true; // resumed
    held.listening = true;
    mixer.tick(20 * MS);
    assertEquals(0.6f, a.last(), 1e-6f);
    assertEquals(0.3f, held.last(), 1e-6f);
  }

  @Test
  void callsJoiningLaterStartTheirOwnClock() {
    ConstantLeg a = new ConstantLeg(0.1f);
    call(a);
    mixer.tick(0);
    mixer.tick(20 * MS);
    ConstantLeg late = new ConstantLeg(0.1f);
    MixerCall second = new MixerCall("c2");
    second.add(late);
    partition.add(second);
    mixer.tick(31 * MS); // not yet due for c1 (40 ms); c2's first frame
    assertEquals(2, a.heard.size());
    assertEquals(1, late.heard.size());
    assertArrayEquals(new float[] {0f}, new float[] {late.last()}, 0f);
  }
}
