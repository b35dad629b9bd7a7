package io.voicegateway.bench.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.media.codec.G711;
import org.junit.jupiter.api.Test;

class MarkersTest {
  @Test
  void aBurstIsFoundOnceAtItsFirstLoudSampleEvenAcrossChunks() {
    Markers.Onsets onsets = new Markers.Onsets();
    byte[] audio = new byte[Markers.FRAME * 50];
    java.util.Arrays.fill(audio, G711.ulawEncode((short) 0));
    System.arraycopy(Markers.burst(), 0, audio, 1000, Markers.FRAME);
    System.arraycopy(Markers.burst(), 0, audio, 5000, Markers.FRAME);
    int found = 0;
    int[] at = new int[2];
    for (int chunk = 0; chunk < audio.length; chunk += 150) {
      int onset = onsets.feed(audio, chunk, Math.min(150, audio.length - chunk));
      if (onset >= 0) {
        at[found++] = chunk + onset;
      }
    }
    assertEquals(2, found);
    assertEquals(1000, at[0], 1);
    assertEquals(5000, at[1], 1);
  }

  @Test
  void aSecondBurstWithinTheRearmTimeIsPartOfTheFirst() {
    Markers.Onsets onsets = new Markers.Onsets();
    assertEquals(0, onsets.feed(Markers.burst(), 0, Markers.FRAME) >= 0 ? 0 : -1);
    assertEquals(-1, onsets.feed(Markers.silence(), 0, Markers.FRAME));
    assertEquals(-1, onsets.feed(Markers.burst(), 0, Markers.FRAME));
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1;
    }
    assertEquals(50, Latencies.percentile(sorted, 50));
    assertEquals(99, Latencies.percentile(sorted, 99));
    assertEquals(100, Latencies.percentile(sorted, 100));
    assertEquals(7, Latencies.percentile(new long[] {7}, 99));
    assertEquals(-1, Latencies.percentile(new long[0], 50));
    assertArrayEquals(new long[] {1, 2, 3}, sortedOf(3, 1, 2));
  }

  private static long[] sortedOf(long... values) {
    Latencies l = new Latencies();
    for (long v : values) {
      l.add(v);
    }
    return l.sorted();
  }
}
