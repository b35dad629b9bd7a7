package io.voicegateway.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The overlapped filters give {@link Goertzel#powers} over each block to the last bit, across skips and resets. */
class OverlappedGoertzelTest {

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void equalsFullBlockPowersBitForBit(int rate) {
    int n = GoertzelDetector.BLOCK_SAMPLES_8K * rate / 8000;
    int hop = n / 2;
    for (double[] group : new double[][] {DualToneBasis.LOW_HZ, DualToneBasis.HIGH_HZ}) {
      Goertzel[] filters = new Goertzel[4];
      for (int i = 0; i < 4; i++) {
        filters[i] = new Goertzel(group[i], rate);
      }
      OverlappedGoertzel overlapped = new OverlappedGoertzel(filters, hop);
      short[] pcm = new Signals(rate).silence(20).tone('5', 300, -10, 3).silence(50).tone('#', 200, -30, -4)
          .noise(-25, 1).pcm();
      Random random = new Random(rate);
      float[] block = new float[n];
      double[] expected = new double[4];
      double[] actual = new double[4];
      for (int at = 0; at + n <= pcm.length; at += hop) {
        for (int i = 0; i < n; i++) {
          block[i] = pcm[at + i];
        }
        switch (random.nextInt(8)) {
          case 0 -> overlapped.reset(); // a block that is not computed
          case 1 -> { // a new stream starting at this block
            overlapped.reset();
            Goertzel.powers(filters, block, n, expected);
            overlapped.powers(block, actual);
            assertArrayEquals(expected, actual, "block at " + at + " after a reset");
          }
          default -> {
            Goertzel.powers(filters, block, n, expected);
            overlapped.powers(block, actual);
            assertArrayEquals(expected, actual, "block at " + at);
          }
        }
      }
    }
  }
}
