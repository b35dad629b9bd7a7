package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PcmTest {
  @Test
  void shortToFloatDividesBy32768() {
    float[] out = new float[3];
    Pcm.toFloat(new short[] {0, 16384, -32768}, 0, out, 0, 3);
    assertArrayEquals(new float[] {0f, 0.5f, -1f}, out);
  }

  @Test
  void floatToShortRoundsAndClips() {
    short[] out = new short[5];
    Pcm.toShort(new float[] {0.5f, 1.5f, -2f, 0.999999f, 1e-5f}, 0, out, 0, 5);
    assertArrayEquals(new short[] {16384, 32767, -32768, 32767, 0}, out);
  }

  @Test
  void everyShortSurvivesTheRoundTrip() {
    for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
      assertEquals(v, Pcm.toShort(v / 32768f));
    }
  }

  @Test
  void rmsOfASineIsItsAmplitudeOverRootTwo() {
    float[] sine = new float[MixerLeg.FRAME];
    for (int i = 0; i < sine.length; i++) {
      sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 48000.0)); // 20 whole periods
    }
    assertEquals(0.5 / Math.sqrt(2), Pcm.rms(sine, sine.length), 1e-4);
    assertEquals(0f, Pcm.rms(new float[MixerLeg.FRAME], MixerLeg.FRAME));
  }
}
