package io.voicegateway.media.dtmf;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the measured tables of docs/dtmf.md; asserts nothing (the *Test classes do). Run with
 * {@code mvn -q -o test -Dtest=DetectorReport -Ddtmf.report=true}.
 */
@EnabledIfSystemProperty(named = "dtmf.report", matches = "true")
class DetectorReport {

  private static final String ALL = "123A456B789C*0#D";
  private static final double[] SENSITIVITIES = {0, 0.5, 1};

  @TempDir
  Path dir;

  @Test
  void print() throws Exception {
    StringBuilder out = new StringBuilder();
    row(out, "per-tone level (dBm0)", "s = 0", "s = 0.5", "s = 1");
    for (double level : new double[] {-3, -10, -20, -25, -30, -33, -36, -40, -45}) {
      String[] cells = new String[3];
      for (int s = 0; s < 3; s++) {
        cells[s] = digitsFound(8000, SENSITIVITIES[s], level, 0, 0) + "/16";
      }
      row(out, fmt(level), cells);
    }
    out.append('\n');
    row(out, "twist (dB, + = high group louder)", "s = 0", "s = 0.5", "s = 1");
    for (double twist : new double[] {-8, -7, -6, -5, -4, -3, 4, 7, 8, 9, 10, 11, 12}) {
      String[] cells = new String[3];
      for (int s = 0; s < 3; s++) {
        cells[s] = digitsFound(8000, SENSITIVITIES[s], -12 - Math.max(0, twist), twist, 0) + "/16";
      }
      row(out, fmt(twist), cells);
    }
    out.append('\n');
    row(out, "frequency deviation (%)", "s = 0", "s = 0.5", "s = 1");
    for (double deviation : new double[] {-3.5, -2.5, -2, -1.5, -1, 1, 1.5, 2, 2.5, 3.5}) {
      String[] cells = new String[3];
      for (int s = 0; s < 3; s++) {
        int found = 0;
        for (char digit : ALL.toCharArray()) {
          double f = 1 + deviation / 100;
          short[] pcm = new Signals(8000).silence(40)
              .dual(Signals.lowHz(digit) * f, Signals.highHz(digit) * f, 100, -12, 0).silence(100).pcm();
          String detected = GoertzelDetectorTest.detect(8000, SENSITIVITIES[s], pcm).digits();
          found += detected.equals(String.valueOf(digit)) ? 1 : 0;
        }
        cells[s] = found + "/16";
      }
      row(out, fmt(deviation), cells);
    }
    out.append('\n');
    row(out, "SNR (dB), tones at -20 dBm0", "s = 0", "s = 0.5", "s = 1");
    for (double snr : new double[] {30, 20, 15, 12, 10, 6}) {
      String[] cells = new String[3];
      for (int s = 0; s < 3; s++) {
        cells[s] = digitsFound(8000, SENSITIVITIES[s], -20, 0, snr) + "/16";
      }
      row(out, fmt(snr), cells);
    }
    out.append('\n');
    row(out, "tone length (ms)", "s = 0", "s = 0.5", "s = 1");
    for (int ms = 20; ms <= 40; ms += 2) {
      String[] cells = new String[3];
      for (int s = 0; s < 3; s++) {
        cells[s] = toneDetectedShare(SENSITIVITIES[s], ms);
      }
      row(out, String.valueOf(ms), cells);
    }
    out.append('\n');
    row(out, "pause between two '5' (ms)", "s = 0", "s = 0.5", "s = 1");
    for (int ms = 12; ms <= 40; ms += 4) {
      String[] cells = new String[3];
      for (int s = 0; s < 3; s++) {
        cells[s] = pauseSplitShare(SENSITIVITIES[s], ms);
      }
      row(out, String.valueOf(ms), cells);
    }
    out.append('\n');
    row(out, "audio", "rate", "s", "blocks", "digit blocks (hold)", "strict blocks", "presses");
    for (int rate : new int[] {8000, 16000}) {
      short[] speech = SpeechCorpus.generate(dir, rate, 60);
      short[] music = MusicSynth.generate(rate, 60, 42);
      for (double s : SENSITIVITIES) {
        falseRow(out, String.format(Locale.ROOT, "speech %.0f s", speech.length / (double) rate), rate, s, speech);
        falseRow(out, "music 60 s", rate, s, music);
      }
    }
    System.out.println(out);
  }

  private static int digitsFound(int rate, double sensitivity, double lowDbm0, double twist, double snrDb) {
    int found = 0;
    for (char digit : ALL.toCharArray()) {
      Signals s = new Signals(rate).silence(40).tone(digit, 100, lowDbm0, twist).silence(100);
      if (snrDb > 0) {
        // total tone power relative to one tone: 10·log10(1 + 10^(twist/10))
        double total = lowDbm0 + 10 * Math.log10(1 + Math.pow(10, twist / 10));
        s.noise(total - snrDb, digit);
      }
      if (GoertzelDetectorTest.detect(rate, sensitivity, s.pcm()).digits().equals(String.valueOf(digit))) {
        found++;
      }
    }
    return found;
  }

  private static String toneDetectedShare(double sensitivity, int ms) {
    int hits = 0;
    int total = 0;
    for (int shift = 0; shift < GoertzelDetector.BLOCK_SAMPLES_8K; shift += 3) {
      for (char digit : ALL.toCharArray()) {
        short[] pcm = new Signals(8000).silence(10 + shift / 8.0).tone(digit, ms, -10, 0).silence(80).pcm();
        total++;
        hits += GoertzelDetectorTest.detect(8000, sensitivity, pcm).count() == 1 ? 1 : 0;
      }
    }
    return String.format(Locale.ROOT, "%.0f %%", 100.0 * hits / total);
  }

  private static String pauseSplitShare(double sensitivity, int ms) {
    int hits = 0;
    int total = 0;
    for (int shift = 0; shift < GoertzelDetector.BLOCK_SAMPLES_8K; shift++) {
      short[] pcm = new Signals(8000).silence(10 + shift / 8.0).tone('5', 80, -10, 0).silence(ms)
          .tone('5', 80, -10, 0).silence(80).pcm();
      total++;
      hits += GoertzelDetectorTest.detect(8000, sensitivity, pcm).count() == 2 ? 1 : 0;
    }
    return String.format(Locale.ROOT, "%.0f %%", 100.0 * hits / total);
  }

  private static void falseRow(StringBuilder out, String name, int rate, double sensitivity, short[] pcm) {
    int n = GoertzelDetector.BLOCK_SAMPLES_8K * rate / 8000;
    DualToneClassifier classifier = new DualToneClassifier(rate, n, new DetectorThresholds(sensitivity));
    float[] block = new float[n];
    int blocks = 0;
    int hold = 0;
    int strict = 0;
    for (int at = 0; at + n <= pcm.length; at += n / 2) {
      for (int i = 0; i < n; i++) {
        block[i] = pcm[at + i];
      }
      blocks++;
      if (classifier.classify(block) != 0) {
        hold++;
        strict += classifier.strict() ? 1 : 0;
      }
    }
    int presses = GoertzelDetectorTest.detect(rate, sensitivity, pcm).count();
    row(out, name, String.valueOf(rate), fmt(sensitivity), String.valueOf(blocks), String.valueOf(hold),
        String.valueOf(strict), String.valueOf(presses));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static void row(StringBuilder out, String first, String... cells) {
    out.append("| ").append(first);
    for (String c : cells) {
      out.append(" | ").append(c);
    }
    out.append(" |\n");
  }
}
