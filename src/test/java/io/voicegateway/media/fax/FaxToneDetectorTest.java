package io.voicegateway.media.fax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.voicegateway.media.Allocations;
import io.voicegateway.media.codec.G711;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fax tones at real levels are found, within their timing; speech, DTMF and quiet or continuous tones are not. */
class FaxToneDetectorTest {
  private static final int RATE = 8000;
  /** Peak of a 0 dBm0 sine in 16-bit linear G.711 (+3.17 dBm0 is full scale, 32 124). */
  private static final double DBM0_PEAK = 22_300;
  private static final String DTMF = "123A456B789C*0#D";
  private static final int[] ROWS = {697, 770, 852, 941};
  private static final int[] COLS = {1209, 1336, 1477, 1633};

  private static double amplitude(double dbm0) {
    return DBM0_PEAK * Math.pow(10, dbm0 / 20);
  }

  private static short[] tone(double hz, double dbm0, double seconds) {
    short[] out = new short[(int) (seconds * RATE)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.round(amplitude(dbm0) * Math.sin(2 * Math.PI * hz * i / RATE));
    }
    return out;
  }

  /** Feeds 20 ms at a time (one packet) and returns the time in ms at which {@code want} was reported, or −1. */
  private static int firstReport(FaxToneDetector d, short[] audio, FaxTone want) {
    for (int off = 0; off + 160 <= audio.length; off += 160) {
      FaxTone t = d.process(audio, off, 160);
      if (t == want) {
        return (off + 160) * 1000 / RATE;
      }
    }
    return -1;
  }

  @ParameterizedTest(name = "CED at {0} dBm0")
  @ValueSource(doubles = {-6, -15, -30, -40})
  void cedAtRealisticLevelsIsFoundAfterHalfASecond(double level) {
    FaxToneDetector d = new FaxToneDetector(RATE);
    int at = firstReport(d, tone(2100, level, 3), FaxTone.CED);
    assertEquals(500, at, 20, "reported once 0.5 s of tone was heard");
    assertEquals(FaxTone.CED, d.detected());
  }

  @Test
  void cedWithinItsFrequencyToleranceIsFound() {
    assertEquals(500, firstReport(new FaxToneDetector(RATE), tone(2115, -12, 1), FaxTone.CED), 20);
    assertEquals(500, firstReport(new FaxToneDetector(RATE), tone(2085, -12, 1), FaxTone.CED), 20);
  }

  @Test
  void ansamWithItsModulationAndPhaseReversalsIsFound() {
    // V.8 ANSam: 2100 Hz, amplitude-modulated 20 % at 15 Hz, phase reversed every 450 ms (V.25 ANS/PR)
    short[] out = new short[3 * RATE];
    double a = amplitude(-12);
    for (int i = 0; i < out.length; i++) {
      double t = (double) i / RATE;
      double phase = ((int) (t / 0.45)) % 2 == 0 ? 0 : Math.PI;
      out[i] = (short) Math.round(a * (1 + 0.2 * Math.sin(2 * Math.PI * 15 * t))
          * Math.sin(2 * Math.PI * 2100 * t + phase) / 1.2);
    }
    int at = firstReport(new FaxToneDetector(RATE), out, FaxTone.CED);
    assertEquals(500, at, 40);
  }

  @Test
  void cngBurstIsFoundWhenItEnds() {
    short[] cadence = new short[4 * RATE]; // 0.5 s on, 3 s off, then the next burst
    short[] on = tone(1100, -15, 0.5);
    System.arraycopy(on, 0, cadence, 0, on.length);
    System.arraycopy(on, 0, cadence, (int) (3.5 * RATE), on.length / 2);
    FaxToneDetector d = new FaxToneDetector(RATE);
    int at = firstReport(d, cadence, FaxTone.CNG);
    assertEquals(540, at, 20, "the burst is known for one once it stops");
    assertEquals(FaxTone.CNG, d.detected());
  }

  @Test
  void cngOffFrequencyWithinT30ToleranceIsFound() {
    short[] burst = new short[RATE];
    System.arraycopy(tone(1138, -20, 0.5), 0, burst, 0, RATE / 2);
    assertEquals(540, firstReport(new FaxToneDetector(RATE), burst, FaxTone.CNG), 20);
  }

  @Test
  void aContinuous1100HzToneIsNotCng() {
    FaxToneDetector d = new FaxToneDetector(RATE);
    short[] audio = new short[3 * RATE];
    System.arraycopy(tone(1100, -10, 2), 0, audio, 0, 2 * RATE);
    assertEquals(-1, firstReport(d, audio, FaxTone.CNG));
    assertNull(d.detected());
  }

  @Test
  void shortCedBurstsAndQuietTonesAreNotFound() {
    FaxToneDetector d = new FaxToneDetector(RATE);
    short[] blips = new short[3 * RATE];
    for (int start = 0; start + 3200 <= blips.length; start += 4000) { // 0.4 s on, 0.1 s off
      System.arraycopy(tone(2100, -10, 0.4), 0, blips, start, 3200);
    }
    assertEquals(-1, firstReport(d, blips, FaxTone.CED));
    assertEquals(-1, firstReport(new FaxToneDetector(RATE), tone(2100, -55, 2), FaxTone.CED), "below −44 dBm0");
  }

  @Test
  void noDtmfDigitIsTakenForAFaxTone() {
    for (int k = 0; k < DTMF.length(); k++) {
      int row = ROWS[k / 4];
      int col = COLS[k % 4];
      short[] digit = new short[2 * RATE]; // far longer than any key press
      for (int i = 0; i < digit.length; i++) {
        double t = (double) i / RATE;
        digit[i] = (short) Math.round(amplitude(-7) * Math.sin(2 * Math.PI * row * t)
            + amplitude(-5) * Math.sin(2 * Math.PI * col * t)); // twist: the high tone 2 dB up
      }
      FaxToneDetector d = new FaxToneDetector(RATE);
      for (int off = 0; off < digit.length; off += 160) {
        d.process(digit, off, 160);
      }
      assertNull(d.detected(), "digit " + DTMF.charAt(k));
    }
  }

  @Test
  void speechLikeVoicedSoundIsNotAFaxTone() {
    // Vowels: harmonics of a gliding pitch under formant envelopes, including pitches whose 10th harmonic sits on
    // 1100 Hz and whose 20th sits on 2100 Hz, with breaks between syllables.
    int[][] formants = {{730, 1090, 2440}, {270, 2290, 3010}, {530, 1840, 2480}, {300, 870, 2240}, {660, 1720, 2410}};
    double[] pitches = {110, 105, 120, 140, 98, 180, 110};
    short[] out = new short[8 * RATE];
    Random noise = new Random(13);
    double phase = 0;
    for (int i = 0; i < out.length; i++) {
      int syllable = i / (RATE * 3 / 10);
      if (i % (RATE * 3 / 10) > RATE / 4) {
        out[i] = (short) (noise.nextGaussian() * 30);
        continue;
      }
      double f0 = pitches[syllable % pitches.length] * (1 + 0.03 * Math.sin(2 * Math.PI * 3 * i / RATE));
      phase += 2 * Math.PI * f0 / RATE;
      int[] f = formants[syllable % formants.length];
      double s = 0;
      for (int h = 1; h * f0 < 3400; h++) {
        double hz = h * f0;
        double gain = 0;
        for (int k = 0; k < 3; k++) {
          double bw = 80 + 40 * k;
          gain += (1.0 / (k + 1)) / (1 + Math.pow((hz - f[k]) / bw, 2));
        }
        s += gain * Math.sin(h * phase) / h;
      }
      out[i] = (short) Math.max(-32000, Math.min(32000, s * 9000));
    }
    FaxToneDetector d = new FaxToneDetector(RATE);
    for (int off = 0; off + 160 <= out.length; off += 160) {
      d.process(out, off, 160);
    }
    assertNull(d.detected());
  }

  @Test
  void g711PayloadsOfBothLawsAreDecodedForTheDetector() {
    short[] ced = tone(2100, -12, 1);
    byte[] ulaw = new byte[ced.length];
    byte[] alaw = new byte[ced.length];
    for (int i = 0; i < ced.length; i++) {
      ulaw[i] = G711.ulawEncode(ced[i]);
      alaw[i] = G711.alawEncode(ced[i]);
    }
    FaxToneDetector u = new FaxToneDetector(RATE);
    FaxToneDetector a = new FaxToneDetector(RATE);
    for (int off = 0; off < ced.length; off += 160) {
      u.processG711(ulaw, off, 160, false);
      a.processG711(alaw, off, 160, true);
    }
    assertEquals(FaxTone.CED, u.detected());
    assertEquals(FaxTone.CED, a.detected());
  }

  @Test
  void detectingAllocatesNothing() {
    FaxToneDetector d = new FaxToneDetector(RATE);
    short[] audio = tone(1100, -20, 0.02);
    byte[] payload = new byte[160];
    assertEquals(0, Allocations.measure(() -> {
      d.process(audio, 0, 160);
      d.processG711(payload, 0, 160, true);
    }, 20_000, 10_000));
  }
}
