package io.voicegateway.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.StreamingConfig.Cleaning;
import io.voicegateway.config.StreamingConfig.NoiseSuppression;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import java.nio.file.Path;
import java.util.Random;
import io.voicegateway.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebRTC's audio processing on real speech (espeak-ng) mixed with noise at 5 dB SNR, fed in 20 ms frames as a
 * stream's inbound track is, against the clean speech. Three SNRs, each before and after (docs/streaming.md has the
 * figures): G.160's (how much more noise than speech the suppressor took: the suppressor's own figure of merit),
 * the magnitude-spectrum SNR (what is left of the speech's spectrum, which recognisers' features are made of), and
 * the waveform SNR (scale-invariant), reported but not asserted: a suppressor keeps the noisy phase, so the waveform
 * measure gains little even when the noise is audibly gone.
 */
class ApmSpeechCleanerTest {
  private static final double INPUT_SNR_DB = 5;
  @TempDir
  static Path dir;
  private static short[] speech16;
  private static short[] speech8;

  /** SNRs in dB of the noisy input and of the cleaned output. */
  record Snr(double g160In, double g160Out, double spectralIn, double spectralOut, double waveformIn,
      double waveformOut) {
    double g160Gain() {
      return g160Out - g160In;
    }

    double spectralGain() {
      return spectralOut - spectralIn;
    }

    @Override
    public String toString() {
      return String.format("G.160 %.1f -> %.1f dB, spectral %.1f -> %.1f dB, waveform %.1f -> %.1f dB", g160In,
          g160Out, spectralIn, spectralOut, waveformIn, waveformOut);
    }
  }

  @BeforeAll
  static void speech() throws Exception {
    Tools.requireLibrary("WebRTC audio processing (webrtc-java's natives need Debian libpulse0)",
        SpeechCleaners.APM.warmUp() ? null : "its WARN above says why");
    speech16 = AudioMatch.read(SpeechFixture.speech(dir, 16000), 16000);
    speech8 = AudioMatch.read(SpeechFixture.speech(dir, 8000), 8000);
  }

  @Test
  void whiteNoiseAt16kHz() {
    Snr snr = cleaned(speech16, 16000, whiteNoise(speech16.length, 1), NoiseSuppression.HIGH);
    System.out.println("white noise, 16 kHz, high: " + snr);
    assertEquals(INPUT_SNR_DB, snr.waveformIn(), 0.5);
    assertTrue(snr.g160Gain() >= 6, snr.toString());
    assertTrue(snr.spectralGain() >= 3, snr.toString());
  }

  @Test
  void whiteNoiseAt8kHz() {
    Snr snr = cleaned(speech8, 8000, whiteNoise(speech8.length, 2), NoiseSuppression.HIGH);
    System.out.println("white noise, 8 kHz, high: " + snr);
    assertTrue(snr.g160Gain() >= 6, snr.toString());
    assertTrue(snr.spectralGain() >= 3, snr.toString());
  }

  /** Babble is speech-like and never stationary: a noise suppressor can take only some of it. */
  @Test
  void babbleAt16kHz() {
    Snr snr = cleaned(speech16, 16000, babble(speech16, 16000), NoiseSuppression.HIGH);
    System.out.println("babble, 16 kHz, high: " + snr);
    assertTrue(snr.g160Gain() >= 2, snr.toString());
    assertTrue(snr.spectralGain() >= 0, snr.toString());
  }

  @Test
  void aHigherLevelTakesMoreNoise() {
    short[] noise = whiteNoise(speech16.length, 3);
    Snr low = cleaned(speech16, 16000, noise, NoiseSuppression.LOW);
    Snr veryHigh = cleaned(speech16, 16000, noise, NoiseSuppression.VERY_HIGH);
    System.out.println("white noise, 16 kHz, low: " + low + "; very_high: " + veryHigh);
    assertTrue(veryHigh.g160Out() > low.g160Out() + 3, low + " / " + veryHigh);
  }

  @Test
  void normalizeBringsQuietSpeechUp() {
    short[] quiet = scaled(speech16, 0.03);
    short[] out = quiet.clone();
    try (ApmSpeechCleaner cleaner = new ApmSpeechCleaner(new Cleaning(NoiseSuppression.OFF, true), 16000)) {
      for (int at = 0; at + 320 <= out.length; at += 320) {
        short[] frame = java.util.Arrays.copyOfRange(out, at, at + 320);
        cleaner.clean(frame, 320);
        System.arraycopy(frame, 0, out, at, 320);
      }
    }
    int tail = out.length / 2;
    double in = rmsDb(quiet, tail, quiet.length);
    double level = rmsDb(out, tail, out.length);
    System.out.printf("normalize: speech at %.1f dBFS -> %.1f dBFS%n", in, level);
    assertTrue(level - in >= 10, in + " -> " + level);
    assertTrue(peak(out) < 32767, "the limiter keeps it from clipping");
  }

  @Test
  void aFrameThatIsNotWhole10msIsLeftAsItIs() {
    try (ApmSpeechCleaner cleaner = new ApmSpeechCleaner(new Cleaning(NoiseSuppression.HIGH, false), 8000)) {
      short[] frame = java.util.Arrays.copyOfRange(speech8, 8000, 8000 + 100);
      short[] copy = frame.clone();
      assertFalse(cleaner.clean(frame, 100));
      assertArrayEquals(copy, frame);
      assertTrue(cleaner.clean(java.util.Arrays.copyOfRange(speech8, 8000, 8000 + 240), 240), "30 ms is three");
      assertEquals(0, cleaner.failures());
      assertNotSame("", cleaner.toString());
    }
  }

  /** Speech plus noise scaled to 5 dB SNR, cleaned in 20 ms frames, measured at the cleaner's delay. */
  private static Snr cleaned(short[] speech, int rate, short[] noise, NoiseSuppression level) {
    double gain = Math.sqrt(power(speech) / power(noise) / Math.pow(10, INPUT_SNR_DB / 10));
    short[] noisy = new short[speech.length];
    short[] addedNoise = new short[speech.length];
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] = (short) Math.max(-32768, Math.min(32767, Math.round(speech[i] + gain * noise[i])));
      addedNoise[i] = (short) (noisy[i] - speech[i]);
    }
    short[] out = noisy.clone();
    int frame = rate / 50;
    try (ApmSpeechCleaner cleaner = new ApmSpeechCleaner(new Cleaning(level, false), rate)) {
      short[] buf = new short[frame];
      for (int at = 0; at + frame <= out.length; at += frame) {
        System.arraycopy(out, at, buf, 0, frame);
        assertTrue(cleaner.clean(buf, frame));
        System.arraycopy(buf, 0, out, at, frame);
      }
    }
    int delay = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int lag = 0; lag <= rate / 50; lag++) {
      double snr = siSnr(speech, out, lag);
      if (snr > best) {
        best = snr;
        delay = lag;
      }
    }
    return new Snr(SpectralSnr.afterGains(speech, addedNoise, noisy, 0),
        SpectralSnr.afterGains(speech, addedNoise, out, delay), SpectralSnr.of(speech, noisy, 0),
        SpectralSnr.of(speech, out, delay), siSnr(speech, noisy, 0), best);
  }

  /** Scale-invariant SNR of {@code out} (delayed by {@code lag}) against {@code clean}, in dB. */
  private static double siSnr(short[] clean, short[] out, int lag) {
    int n = Math.min(clean.length, out.length - lag);
    double dot = 0;
    double energy = 0;
    for (int i = 0; i < n; i++) {
      dot += (double) clean[i] * out[i + lag];
      energy += (double) clean[i] * clean[i];
    }
    double alpha = dot / energy;
    double target = 0;
    double error = 0;
    for (int i = 0; i < n; i++) {
      double t = alpha * clean[i];
      double e = out[i + lag] - t;
      target += t * t;
      error += e * e;
    }
    return 10 * Math.log10(target / error);
  }

  private static short[] whiteNoise(int n, long seed) {
    Random random = new Random(seed);
    short[] noise = new short[n];
    for (int i = 0; i < n; i++) {
      noise[i] = (short) Math.max(-32768, Math.min(32767, Math.round(random.nextGaussian() * 3000)));
    }
    return noise;
  }

  /** Six talkers: the same speech from six other places in it, summed (none lines up with the target). */
  private static short[] babble(short[] speech, int rate) {
    short[] noise = new short[speech.length];
    for (int talker = 1; talker <= 6; talker++) {
      int shift = talker * rate * 7 / 10;
      for (int i = 0; i < noise.length; i++) {
        noise[i] += (short) (speech[(i + shift) % speech.length] / 6);
      }
    }
    return noise;
  }

  private static double power(short[] pcm) {
    double sum = 0;
    for (short s : pcm) {
      sum += (double) s * s;
    }
    return sum / pcm.length;
  }

  private static short[] scaled(short[] pcm, double factor) {
    short[] out = new short[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = (short) Math.round(pcm[i] * factor);
    }
    return out;
  }

  private static double rmsDb(short[] pcm, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return 10 * Math.log10(sum / (to - from) / (32768.0 * 32768.0));
  }

  private static int peak(short[] pcm) {
    int peak = 0;
    for (short s : pcm) {
      peak = Math.max(peak, Math.abs(s));
    }
    return peak;
  }
}
