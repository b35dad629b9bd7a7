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
}
