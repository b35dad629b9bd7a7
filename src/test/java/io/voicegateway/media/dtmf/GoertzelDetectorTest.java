package io.voicegateway.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoertzelDetectorTest {

  private static final String ALL = "123A456B789C*0#D";
  private static final double DEFAULT_SENSITIVITY = 0.5;

  /** Feeds audio in 20 ms frames, as the mixer tick does, so blocks straddle frame boundaries. */
  static Presses detect(int rate, double sensitivity, short[] pcm) {
    Presses presses = new Presses();
    GoertzelDetector detector = new GoertzelDetector(rate, sensitivity, presses);
    int frame = rate / 50;
    for (int off = 0; off < pcm.length; off += frame) {
      detector.process(pcm, off, Math.min(frame, pcm.length - off));
    }
    return presses;
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void detectsEveryDigitFromMinus3ToMinus25Dbm0(int rate) {
    for (double level : new double[] {-3, -10, -20, -25}) {
      for (char digit : ALL.toCharArray()) {
        short[] pcm = new Signals(rate).silence(50).tone(digit, 100, level, 0).silence(100).pcm();
        Presses presses = detect(rate, DEFAULT_SENSITIVITY, pcm);
        assertEquals(String.valueOf(digit), presses.digits(), digit + " at " + level + " dBm0, " + rate + " Hz");
        int ms = presses.all.get(0).durationMs();
        assertTrue(Math.abs(ms - 100) <= 10, digit + " lasted " + ms + " ms, expected 100");
        assertEquals(DtmfSource.INBAND, presses.all.get(0).source());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {4, -4, 8})
  void detectsTwistWithinLimits(double twistDb) {
    for (double sensitivity : new double[] {0, 0.5, 1}) {
      for (char digit : ALL.toCharArray()) {
        double low = -12 - Math.max(0, twistDb);
        short[] pcm = new Signals(8000).silence(40).tone(digit, 100, low, twistDb).silence(100).pcm();
        assertEquals(String.valueOf(digit), detect(8000, sensitivity, pcm).digits(),
            digit + " with twist " + twistDb + " dB, sensitivity " + sensitivity);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {12, -8})
  void rejectsTwistBeyondLimits(double twistDb) {
    for (double sensitivity : new double[] {0, 0.5, 1}) {
      for (char digit : ALL.toCharArray()) {
        double low = -10 - Math.max(0, twistDb);
        short[] pcm = new Signals(8000).silence(40).tone(digit, 100, low, twistDb).silence(100).pcm();
        assertEquals("", detect(8000, sensitivity, pcm).digits(),
            digit + " with twist " + twistDb + " dB, sensitivity " + sensitivity);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void detects40msTonesSeparatedBy40msPauses(int rate) {
    for (double sensitivity : new double[] {0, 0.5, 1}) {
      for (int shift = 0; shift < GoertzelDetector.BLOCK_SAMPLES_8K; shift += 3) {
        Signals s = new Signals(rate).silence(shift / 8.0); // shifts of 1/8 ms cover a whole block
        for (int i = 0; i < 8; i++) {
          s.tone('5', 40, -15, 0).silence(40);
        }
        Presses presses = detect(rate, sensitivity, s.silence(60).pcm());
        assertEquals("55555555", presses.digits(), "shifted by " + shift / 8.0 + " ms, sensitivity " + sensitivity);
      }
    }
  }

  /** ITU-T Q.24: operate within ±1.5 % of the nominal frequencies, never at ±3.5 % or beyond. */
  @ParameterizedTest
  @ValueSource(doubles = {-0.015, -0.01, 0.01, 0.015})
  void acceptsTonesUpTo1Point5PercentOffFrequency(double deviation) {
    for (double sensitivity : new double[] {0, 0.5, 1}) {
      for (char digit : ALL.toCharArray()) {
        short[] pcm = new Signals(8000).silence(40).dual(Signals.lowHz(digit) * (1 + deviation),
            Signals.highHz(digit) * (1 + deviation), 100, -12, 0).silence(100).pcm();
        assertEquals(String.valueOf(digit), detect(8000, sensitivity, pcm).digits(),
            digit + " off by " + deviation * 100 + " %, sensitivity " + sensitivity);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.05, -0.035, -0.025, 0.025, 0.035, 0.05})
  void rejectsTonesFarOffFrequency(double deviation) {
    for (double sensitivity : new double[] {0, 0.5, 1}) {
      for (char digit : ALL.toCharArray()) {
        short[] pcm = new Signals(8000).silence(40).dual(Signals.lowHz(digit) * (1 + deviation),
            Signals.highHz(digit) * (1 + deviation), 100, -12, 0).silence(100).pcm();
        assertEquals("", detect(8000, sensitivity, pcm).digits(),
            digit + " off by " + deviation * 100 + " %, sensitivity " + sensitivity);
      }
    }
  }

  @Test
  void shortDropOutsDoNotSplitAPress() {
    for (int gapMs : new int[] {5, 10, 20}) {
      for (int shift = 0; shift < GoertzelDetector.BLOCK_SAMPLES_8K; shift += 7) {
        short[] pcm = new Signals(8000).silence(10 + shift / 8.0).tone('9', 80, -12, 0).silence(gapMs)
            .tone('9', 80, -12, 0).silence(80).pcm();
        Presses presses = detect(8000, DEFAULT_SENSITIVITY, pcm);
        assertEquals("9", presses.digits(), gapMs + " ms drop-out, shifted by " + shift);
        int ms = presses.all.get(0).durationMs();
        assertTrue(Math.abs(ms - (160 + gapMs)) <= 10, "lasted " + ms + " ms");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void ignores20msTones(int rate) {
    for (double sensitivity : new double[] {0, 0.5, 1}) {
      for (int shift = 0; shift < GoertzelDetector.BLOCK_SAMPLES_8K; shift += 3) {
        Signals s = new Signals(rate).silence(shift / 8.0);
        for (char digit : ALL.toCharArray()) {
          s.tone(digit, 20, -10, 0).silence(60);
        }
        assertEquals("", detect(rate, sensitivity, s.pcm()).digits(),
            "shifted by " + shift + " samples, sensitivity " + sensitivity);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void detectsDigitStringInOrder(int rate) {
    Signals s = new Signals(rate).silence(30);
    for (char digit : "159#*0D".toCharArray()) {
      s.tone(digit, 70, -14, 2).silence(50);
    }
    assertEquals("159#*0D", detect(rate, DEFAULT_SENSITIVITY, s.pcm()).digits());
  }

  @Test
  void detectsEveryDigitWithNoiseAt20DbSnr() {
    for (char digit : ALL.toCharArray()) {
      // two tones at -20 dBm0 make -17 dBm0; noise 20 dB below
      short[] pcm = new Signals(8000).silence(60).tone(digit, 100, -20, 0).silence(100)
          .noise(-37, digit).pcm();
      assertEquals(String.valueOf(digit), detect(8000, DEFAULT_SENSITIVITY, pcm).digits(), "digit " + digit);
    }
  }

  @Test
  void ignoresTonesBelowMinimumLevel() {
    short[] pcm = new Signals(8000).silence(40).tone('8', 200, -45, 0).silence(100).pcm();
    assertEquals("", detect(8000, 1.0, pcm).digits());
  }

  @Test
  void ignoresSingleTonesAndOffFrequencyPairs() {
    Signals s = new Signals(8000).silence(40);
    s.dual(697, 697, 200, -10, 0).silence(60);    // one low tone only
    s.dual(1336, 1336, 200, -10, 0).silence(60);  // one high tone only
    s.dual(733, 1272, 200, -10, 0).silence(60);   // between rows and between columns
    assertEquals("", detect(8000, 1.0, s.pcm()).digits());
  }

  @Test
  void reportsHeldKeyOnceWithItsDuration() {
    short[] pcm = new Signals(8000).silence(40).tone('#', 1000, -10, 0).silence(100).pcm();
    Presses presses = detect(8000, DEFAULT_SENSITIVITY, pcm);
    assertEquals("#", presses.digits());
    assertTrue(Math.abs(presses.all.get(0).durationMs() - 1000) <= 10, presses.all.toString());
  }

  @Test
  void allocatesNothingPerBlock() {
    short[] pcm = new Signals(8000).silence(40).tone('7', 100, -10, 0).silence(100).noise(-40, 1).pcm();
    int[] presses = new int[1];
    GoertzelDetector detector = new GoertzelDetector(8000, DEFAULT_SENSITIVITY, (d, ms, s) -> presses[0]++);
    Runnable feed = () -> {
      for (int i = 0; i < 200; i++) {
        for (int off = 0; off < pcm.length; off += 160) {
          detector.process(pcm, off, Math.min(160, pcm.length - off));
        }
      }
    };
    assertEquals(0, Allocations.steadyState(feed), "bytes allocated over 200 × 240 ms of audio");
    assertEquals(10 * 200, presses[0], "one press per 240 ms of audio, 200 per run, ten runs");
  }

  @Test
  void rejectsBadConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> new GoertzelDetector(11025, 0.5, (d, ms, s) -> { }));
    assertThrows(IllegalArgumentException.class, () -> new GoertzelDetector(8000, 1.5, (d, ms, s) -> { }));
    assertThrows(IllegalArgumentException.class, () -> new GoertzelDetector(8000, Double.NaN, (d, ms, s) -> { }));
  }
}
