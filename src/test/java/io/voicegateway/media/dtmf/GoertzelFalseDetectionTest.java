package io.voicegateway.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Speech and music must never look like key presses, even at the most lenient sensitivity. */
class GoertzelFalseDetectionTest {

  private static final double[] SENSITIVITIES = {0, 0.5, 1};

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void noDetectionsInAMinuteOfSpeech(int rate) throws Exception {
    short[] speech = SpeechCorpus.generate(dir, rate, 60);
    assertTrue(speech.length >= 60 * rate);
    for (double sensitivity : SENSITIVITIES) {
      Presses presses = GoertzelDetectorTest.detect(rate, sensitivity, speech);
      assertEquals(0, presses.count(), "sensitivity " + sensitivity + ": " + presses.all);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void noDetectionsInAMinuteOfMusic(int rate) {
    short[] music = MusicSynth.generate(rate, 60, 42);
    for (double sensitivity : SENSITIVITIES) {
      Presses presses = GoertzelDetectorTest.detect(rate, sensitivity, music);
      assertEquals(0, presses.count(), "sensitivity " + sensitivity + ": " + presses.all);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void detectsDigitsMixedIntoSpeech(int rate) throws Exception {
    short[] speech = SpeechCorpus.generate(dir, rate, 10);
    Signals tones = new Signals(rate).silence(500);
    for (char digit : "2580".toCharArray()) {
      tones.tone(digit, 120, -6, 0).silence(1500);
    }
    short[] pcm = tones.pcm();
    for (int i = 0; i < pcm.length && i < speech.length; i++) {
      pcm[i] = Signals.clip(pcm[i] + speech[i] * 0.1); // speech 20 dB down behind the tones
    }
    assertEquals("2580", GoertzelDetectorTest.detect(rate, 0.5, pcm).digits());
  }
}
