package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallRecorderTest {
  private static final int FRAME = CallRecorder.FRAME;

  private static short[] constant(int value) {
    short[] pcm = new short[FRAME];
    java.util.Arrays.fill(pcm, (short) value);
    return pcm;
  }

  @Test
  void interleavingPutsLeftFirstAndClipsTheSummedRight() {
    short[] out = new short[6];
    StereoFrames.interleave(new short[] {1, 2, 3}, new int[] {40_000, -40_000, -7}, 3, out);
    assertEquals(java.util.List.of((short) 1, Short.MAX_VALUE, (short) 2, Short.MIN_VALUE, (short) 3, (short) -7),
        java.util.List.of(out[0], out[1], out[2], out[3], out[4], out[5]));
  }

  @Test
  void theCallerGoesLeftAndTheOtherLegsAreSummedRight() {
    CallRecorder recorder = new CallRecorder("call", "caller");
    recorder.tapFor("caller").onAudio("caller", constant(100), FRAME);
    recorder.tapFor("b").onAudio("b", constant(20), FRAME);
    recorder.tapFor("c").onAudio("c", constant(3), FRAME);
    recorder.push(new float[MixerLeg.FRAME]);
    short[] frame = recorder.frames().peek();
    assertEquals(2 * FRAME, frame.length);
    for (int i = 0; i < FRAME; i++) {
      assertEquals(100, frame[2 * i]);
      assertEquals(23, frame[2 * i + 1]);
    }
    recorder.frames().release();

    recorder.push(new float[MixerLeg.FRAME]); // nobody spoke: a silent frame keeps both channels on time
    frame = recorder.frames().peek();
    for (short s : frame) {
      assertEquals(0, s);
    }
  }

  @Test
  void aPausedRecorderMakesNoFramesUntilResumed() {
    CallRecorder recorder = new CallRecorder("call", "caller");
    recorder.pause();
    recorder.tapFor("caller").onAudio("caller", constant(5), FRAME);
    recorder.push(new float[MixerLeg.FRAME]);
    assertNull(recorder.frames().peek());
    recorder.resume();
    recorder.push(new float[MixerLeg.FRAME]);
    assertEquals(0, recorder.frames().peek()[0], "the paused frame's audio was not kept for later");
  }

  @Test
  void aFrameAllocatesNothing() {
    CallRecorder recorder = new CallRecorder("call", "caller");
    short[] pcm = constant(7);
    float[] mix = new float[MixerLeg.FRAME];
    AudioTap left = recorder.tapFor("caller");
    AudioTap right = recorder.tapFor("b");
    assertEquals(0, Allocations.measure(() -> {
      left.onAudio("caller", pcm, FRAME);
      right.onAudio("b", pcm, FRAME);
      recorder.push(mix);
      recorder.frames().peek();
      recorder.frames().release();
    }, 20_000, 1000));
  }

  @Test
  void theEngineTapsTheCallsLegsNowAndLaterAndLetsGoOnStop() {
    MediaEngine engine = TestMediaConfig.engine(30000, 30099);
    assertFalse(engine.startRecording(new CallRecorder("call", "a")), "no media, no recording");
    LegMedia a = engine.openLeg("call", "a", 0);
    CallRecorder recorder = new CallRecorder("call", "a");
    assertTrue(engine.startRecording(recorder));
    assertFalse(engine.startRecording(new CallRecorder("call", "a")), "one recorder per call");
    LegMedia b = engine.openLeg("call", "b", 0);
    LegMedia other = engine.openLeg("other", "c", 0);
    assertNotNull(a.recordTap());
    assertNotNull(b.recordTap());
    assertNull(other.recordTap());
    assertNull(a.tap(), "the audio feed's tap is untouched");
    assertSame(recorder, engine.recorder("call"));

    engine.moveLeg("c", "call");
    assertNotNull(other.recordTap(), "a leg moved in (attended transfer) is recorded too");
    engine.moveLeg("b", "other");
    assertNull(b.recordTap(), "a leg moved out leaves the recording");

    assertSame(recorder, engine.stopRecording("call"));
    assertTrue(recorder.closed());
    assertNull(engine.stopRecording("call"));
    assertNull(a.recordTap());
    recorder.push(new float[MixerLeg.FRAME]);
    assertNull(recorder.frames().peek(), "no frame after the stop");
  }
}
