package io.voicegateway.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13's cheaper classifier (a block-energy gate, the low group first, the low group's filters shared between
 * overlapping blocks, four fit projections per pass) decides exactly as the classifier before it
 * ({@link ReferenceDualToneClassifier}): on every block of a corpus of tones (every level, twist, frequency offset,
 * noise, length and pause the detector tests and docs/dtmf.md's tables use, and tones around the minimum level),
 * noise, silence, music and speech, at both sample rates and three sensitivities, the digit, the strict flag and the
 * tones' energy share are equal to the last bit, both for a block on its own ({@code classify}) and along a stream
 * ({@code classifyNext}, as the detector feeds it, across a reset). The detector reports the same presses as the
 * reference blocks through the same debouncer, whatever the framing of its input.
 */
class DualToneClassifierEquivalenceTest {

  private static final String ALL = "123A456B789C*0#D";
  private static final double[] SENSITIVITIES = {0, 0.5, 1};

  @TempDir
  Path dir;

  /** What a corpus exercised, so each test can show it reached the exits it is meant to. */
  private static final class Tally {
    long blocks;
    long quiet;     // below the energy gate
    long digits;
    long strict;
    long lowShare;  // got as far as the energy share, then too little of it
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void sameDecisionsOnTones(int rate) {
    Tally t = compare(rate, tones(rate));
    assertTrue(t.strict > 10_000 && t.digits > t.strict && t.quiet > 10_000 && t.lowShare > 0,
        "the corpus reaches every exit: " + describe(t));
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void sameDecisionsOnNoiseAndSilence(int rate) {
    List<short[]> parts = new ArrayList<>();
    parts.add(new short[rate]); // digital silence
    for (double dbm0 = -90; dbm0 <= -6; dbm0 += 3) {
      parts.add(new Signals(rate).silence(300).noise(dbm0, (long) dbm0).pcm());
    }
    Tally t = compare(rate, concat(parts));
    assertTrue(t.quiet > 1_000 && t.quiet < t.blocks, describe(t));
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void sameDecisionsOnMusic(int rate) {
    Tally t = compare(rate, concat(List.of(MusicSynth.generate(rate, 60, 42), MusicSynth.generate(rate, 20, 7))));
    assertTrue(t.lowShare > 0, "music reaches the fit's last check: " + describe(t));
  }

  @Test
  void sameDecisionsOnSippSpeechAndTheG722Recording() throws IOException {
    short[] sipp = SippSpeech.pcm();
    short[] g722 = resource("/g722/speech-16k.s16le");
    short[] g722At8k = new short[g722.length / 2];
    for (int i = 0; i < g722At8k.length; i++) {
      g722At8k[i] = g722[2 * i];
    }
    Tally t = compare(8000, concat(List.of(sipp, g722At8k)));
    assertTrue(t.quiet > 0 && t.quiet < t.blocks, describe(t));
    compare(16000, g722);
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void sameDecisionsOnAMinuteOfSpeechAndOnDigitsInSpeech(int rate) throws Exception {
    short[] speech = SpeechCorpus.generate(dir, rate, 60);
    Tally t = compare(rate, speech);
    assertTrue(t.quiet > 0 && t.quiet < t.blocks, describe(t));
    Signals tones = new Signals(rate).silence(500);
    for (char digit : "2580".toCharArray()) {
      tones.tone(digit, 120, -6, 0).silence(1500);
    }
    short[] pcm = tones.pcm();
    for (int i = 0; i < pcm.length && i < speech.length; i++) {
      pcm[i] = Signals.clip(pcm[i] + speech[i] * 0.1);
    }
    assertTrue(compare(rate, pcm).strict > 0);
  }

  /**
   * The energy gate rests on a bound: no fit gives a² + b² (both tones' squared amplitudes) above a fixed multiple of
   * the block's energy. Blocks built to reach it (the fit's own tone terms, weighted along the top eigenvector of the
   * amplitudes-per-energy form, and random directions) stay at or under the bound the gate uses, and come within 5 %
   * of it, so the gate rejects nothing a fit could pass and is not far below where it could be.
   */
  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void noFitPassesTheMinimumAmplitudeBelowTheEnergyGate(int rate) {
    int n = GoertzelDetector.BLOCK_SAMPLES_8K * rate / 8000;
    DualToneBasis basis = DualToneBasis.forRate(rate, n);
    ReferenceDualToneClassifier reference = new ReferenceDualToneClassifier(rate, n, new DetectorThresholds(0.5));
    double bound = 2 / basis.quietEnergy(1); // the most a² + b² per unit of energy the gate allows for
    Random random = new Random(13);
    double most = 0;
    for (int pair = 0; pair < 16; pair++) {
      double[] g = reference.toneInverse[pair];
      List<double[]> directions = new ArrayList<>();
      directions.add(topEigenvector(g));
      for (int i = 0; i < 200; i++) {
        directions.add(new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(),
            random.nextGaussian()});
      }
      for (double[] u : directions) {
        float[] x = new float[n];
        for (int k = 0; k < 12; k++) { // coefficients G⁻¹·Sᵀ·u, scaled to a loud block
          double c = 0;
          for (int j = 0; j < 4; j++) {
            c += g[k * 12 + j] * u[j] * 2e4;
          }
          for (int i = 0; i < n; i++) {
            x[i] += (float) (c * reference.terms[pair][k][i]);
          }
        }
        reference.fit(x, pair / 4, pair % 4);
        double a = DualToneBasis.amplitude(reference.coefficients(), 0);
        double b = DualToneBasis.amplitude(reference.coefficients(), 1);
        double energy = 0;
        for (float v : x) {
          energy += (double) v * v;
        }
        double perEnergy = (a * a + b * b) / energy;
        assertTrue(perEnergy <= bound, "pair " + pair + ": " + perEnergy + " > " + bound);
        most = Math.max(most, perEnergy);
      }
    }
    assertTrue(most >= 0.95 * bound, "the worst blocks reach " + most / bound + " of the bound");
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void detectorReportsTheReferencePressesInAnyFraming(int rate) {
    short[] pcm = tones(rate);
    int cut = pcm.length / 3 + 5; // the detector is reset here: a new stream, another block alignment
    for (double sensitivity : SENSITIVITIES) {
      List<Presses.Press> expected = referencePresses(rate, sensitivity, pcm, cut);
      assertTrue(expected.size() > 400, expected.size() + " presses");
      for (int frame : new int[] {rate / 50, 1, 37, 1000}) {
        Presses presses = new Presses();
        GoertzelDetector detector = new GoertzelDetector(rate, sensitivity, presses);
        for (int off = 0; off < pcm.length; off += frame) {
          int end = Math.min(pcm.length, off + frame);
          if (off < cut && end >= cut) {
            detector.process(pcm, off, cut - off);
            detector.reset();
            detector.process(pcm, cut, end - cut);
          } else {
            detector.process(pcm, off, end - off);
          }
        }
        assertEquals(expected, presses.all, "frames of " + frame + ", sensitivity " + sensitivity);
      }
    }
  }

  /** Blocks every half block from 0 and again from {@code cut}, through the reference and the debouncer. */
  private static List<Presses.Press> referencePresses(int rate, double sensitivity, short[] pcm, int cut) {
    int n = GoertzelDetector.BLOCK_SAMPLES_8K * rate / 8000;
    int hop = n / 2;
    ReferenceDualToneClassifier reference = new ReferenceDualToneClassifier(rate, n, new DetectorThresholds(sensitivity));
    Presses presses = new Presses();
    KeyPressDebouncer debouncer = new KeyPressDebouncer(hop * 1000.0 / rate, GoertzelDetector.START_BLOCKS,
        GoertzelDetector.END_BLOCKS, presses);
    float[] block = new float[n];
    for (int at = 0; at + n <= cut; at += hop) {
      debouncer.onBlock(reference.classify(fill(block, pcm, at)), reference.strict());
    }
    debouncer.reset();
    for (int at = cut; at + n <= pcm.length; at += hop) {
      debouncer.onBlock(reference.classify(fill(block, pcm, at)), reference.strict());
    }
    return presses.all;
  }

  /**
   * Runs every block (a half block apart) through the reference, the new classifier on its own and the new
   * classifier along a stream, at each sensitivity, and fails at the first difference. The stream is run twice:
   * from the start, and after a reset from an offset that moves every block.
   */
  private static Tally compare(int rate, short[] pcm) {
    int n = GoertzelDetector.BLOCK_SAMPLES_8K * rate / 8000;
    int hop = n / 2;
    Tally tally = new Tally();
    float[] block = new float[n];
    for (double sensitivity : SENSITIVITIES) {
      DetectorThresholds thresholds = new DetectorThresholds(sensitivity);
      ReferenceDualToneClassifier reference = new ReferenceDualToneClassifier(rate, n, thresholds);
      DualToneClassifier alone = new DualToneClassifier(rate, n, thresholds);
      DualToneClassifier stream = new DualToneClassifier(rate, n, thresholds);
      double minAmplitude = DetectorThresholds.DBM0_AMPLITUDE * Math.pow(10, thresholds.minToneDbm0 / 20);
      double gate = DualToneBasis.forRate(rate, n).quietEnergy(minAmplitude);
      for (int start : new int[] {0, hop / 2 + 3}) {
        stream.reset();
        for (int at = start; at + n <= pcm.length; at += hop) {
          char expected = reference.classify(fill(block, pcm, at));
          String where = rate + " Hz, sensitivity " + sensitivity + ", block at sample " + at;
          same(expected, reference, stream.classifyNext(block), stream, "stream, " + where);
          if (start == 0) {
            same(expected, reference, alone.classify(block), alone, "alone, " + where);
            tally.blocks++;
            double energy = 0;
            for (float v : block) {
              energy += (double) v * v;
            }
            tally.quiet += energy < gate ? 1 : 0;
            tally.digits += expected != 0 ? 1 : 0;
            tally.strict += reference.strict() ? 1 : 0;
            tally.lowShare += expected == 0 && reference.lastRatio() > 0 ? 1 : 0;
          }
        }
      }
    }
    return tally;
  }

  private static void same(char digit, ReferenceDualToneClassifier reference, char actual, DualToneClassifier c,
      String where) {
    if (digit != actual || reference.strict() != c.strict()
        || Double.doubleToLongBits(reference.lastRatio()) != Double.doubleToLongBits(c.lastRatio())) {
      fail(where + ": reference " + (int) digit + (reference.strict() ? " strict" : "") + " share "
          + reference.lastRatio() + ", new " + (int) actual + (c.strict() ? " strict" : "") + " share " + c.lastRatio());
    }
  }

  private static float[] fill(float[] block, short[] pcm, int at) {
    for (int i = 0; i < block.length; i++) {
      block[i] = pcm[at + i];
    }
    return block;
  }

  /**
   * Every tone the detector tests and docs/dtmf.md's tables use, each digit, with silences between: levels (and
   * half-dB steps around the minimum), twists, frequency offsets, noise, 20-40 ms tones at several alignments,
   * pauses, drop-outs, single tones and off-grid pairs, short bursts near the minimum level, a held key.
   */
  private static short[] tones(int rate) {
    List<short[]> parts = new ArrayList<>();
    Signals s = new Signals(rate).silence(30);
    for (double level : new double[] {-3, -10, -20, -25}) {
      for (char digit : ALL.toCharArray()) {
        s.tone(digit, 100, level, 0).silence(60);
      }
    }
    for (double level = -28; level >= -48; level -= 0.5) {
      for (char digit : ALL.toCharArray()) {
        s.tone(digit, 100, level, 0).silence(60);
      }
    }
    for (double twist : new double[] {-8, -7, -6, -5, -4, -3, 2, 4, 7, 8, 9, 10, 11, 12}) {
      for (char digit : ALL.toCharArray()) {
        s.tone(digit, 100, -12 - Math.max(0, twist), twist).silence(60);
      }
    }
    for (double percent : new double[] {-5, -3.5, -2.5, -2, -1.7, -1.5, -1, -0.5, 0.5, 1, 1.5, 1.7, 2, 2.5, 3.5, 5}) {
      for (char digit : ALL.toCharArray()) {
        double f = 1 + percent / 100;
        s.dual(Signals.lowHz(digit) * f, Signals.highHz(digit) * f, 100, -12, 0).silence(60);
      }
    }
    for (int ms = 20; ms <= 40; ms += 2) {
      for (int shift = 0; shift < GoertzelDetector.BLOCK_SAMPLES_8K; shift += 17) {
        s.silence(10 + shift / 8.0).tone(ALL.charAt(ms % 16), ms, -10, 0).silence(70);
      }
    }
    for (int ms = 12; ms <= 40; ms += 4) {
      s.tone('5', 80, -10, 0).silence(ms).tone('5', 80, -10, 0).silence(80);
    }
    for (int gap : new int[] {5, 10, 20}) {
      s.tone('9', 80, -12, 0).silence(gap).tone('9', 80, -12, 0).silence(80);
    }
    s.dual(697, 697, 200, -10, 0).silence(60).dual(1336, 1336, 200, -10, 0).silence(60)
        .dual(733, 1272, 200, -10, 0).silence(60);
    for (double level = -26; level >= -44; level -= 2) {
      for (double ms = 2; ms <= 14; ms += 1.5) {
        s.tone(ALL.charAt((int) (-level + ms) % 16), ms, level, 0).silence(23);
      }
    }
    s.tone('#', 1000, -10, 0).silence(100);
    parts.add(s.pcm());
    for (double snr : new double[] {30, 20, 15, 12, 10, 6, 3, 0}) {
      for (char digit : ALL.toCharArray()) {
        parts.add(new Signals(rate).silence(40).tone(digit, 100, -20, 0).silence(100).noise(-17 - snr, digit).pcm());
      }
    }
    return concat(parts);
  }

  private static short[] concat(List<short[]> parts) {
    int length = 0;
    for (short[] p : parts) {
      length += p.length;
    }
    short[] out = new short[length];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static short[] resource(String name) throws IOException {
    try (InputStream in = DualToneClassifierEquivalenceTest.class.getResourceAsStream(name)) {
      ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      short[] pcm = new short[bytes.remaining() / 2];
      bytes.asShortBuffer().get(pcm);
      return pcm;
    }
  }

  /** The top eigenvector of the top-left 4 × 4 of a 12 × 12 symmetric positive definite matrix, by power iteration. */
  private static double[] topEigenvector(double[] g) {
    double[] v = {1, 0.5, 0.25, 0.125};
    for (int iteration = 0; iteration < 500; iteration++) {
      double[] w = new double[4];
      double norm = 0;
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          w[i] += g[i * 12 + j] * v[j];
        }
        norm += w[i] * w[i];
      }
      for (int i = 0; i < 4; i++) {
        v[i] = w[i] / Math.sqrt(norm);
      }
    }
    return v;
  }

  private static String describe(Tally t) {
    return t.blocks + " blocks: " + t.quiet + " under the energy gate, " + t.digits + " with a digit (" + t.strict
        + " strict), " + t.lowShare + " failing only on the energy share";
  }
}
