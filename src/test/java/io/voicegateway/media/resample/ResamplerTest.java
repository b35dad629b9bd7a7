package io.voicegateway.media.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.Allocations;
import io.voicegateway.media.SignalMetrics;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
  @ParameterizedTest
  @CsvSource({"8000,16000", "8000,48000", "16000,48000", "16000,8000", "48000,8000", "48000,16000", "16000,16000"})
  void twentyMillisecondsInGiveTwentyMillisecondsOut(int in, int out) {
    Resampler r = new Resampler(in, out);
    float[] frame = SignalMetrics.toneFloat(440, in, in / 50, 0.5);
    float[] result = new float[r.maxOutput(frame.length)];
    for (int i = 0; i < 100; i++) {
      assertEquals(out / 50, r.process(frame, frame.length, result));
    }
    assertEquals(in == out ? 0 : (double) Resampler.HALF_TAPS_AT_LOW_RATE * out / Math.min(in, out), r.delay(), 1e-9);
  }

  @Test
  void identityCopies() {
    Resampler r = new Resampler(48000, 48000);
    float[] in = SignalMetrics.toneFloat(1000, 48000, 960, 0.5);
    float[] out = new float[960];
    assertEquals(960, r.process(in, 960, out));
    assertArrayEquals(in, out);
  }

  @Test
  void passbandToneSurvives8kTo48kAndBack() {
    Resampler upsampler = new Resampler(8000, 48000);
    Resampler downsampler = new Resampler(48000, 8000);
    float[] tone = SignalMetrics.toneFloat(1000, 8000, 8000, 0.5);
    float[] wide = new float[48000];
    float[] back = new float[8000];
    for (int off = 0; off < 8000; off += 160) {
      float[] chunk = java.util.Arrays.copyOfRange(tone, off, off + 160);
      float[] up = new float[960];
      upsampler.process(chunk, 160, up);
      System.arraycopy(up, 0, wide, off * 6, 960);
      float[] down = new float[160];
      downsampler.process(up, 960, down);
      System.arraycopy(down, 0, back, off, 160);
    }
    int delay = (int) (upsampler.delay() / 6 + downsampler.delay()); // 18 + 18 samples at 8 kHz
    double snr = SignalMetrics.snrDb(tone, 400, back, 400 + delay, 7000);
    // Images of 1 kHz at 48 kHz (7 kHz and 9 kHz) must be gone.
    short[] wide16 = new short[wide.length];
    io.voicegateway.media.Pcm.toShort(wide, 0, wide16, 0, wide.length);
    double tonePower = SignalMetrics.goertzelPower(wide16, 4800, 38400, 48000, 1000);
    double imagePower = Math.max(SignalMetrics.goertzelPower(wide16, 4800, 38400, 48000, 7000),
        SignalMetrics.goertzelPower(wide16, 4800, 38400, 48000, 9000));
    double imageDb = 10 * Math.log10(imagePower / tonePower);
    System.out.printf("Resampler 8k->48k->8k 1 kHz: SNR %.1f dB, images at 48k %.1f dB%n", snr, imageDb);
    assertEquals(2 * Resampler.HALF_TAPS_AT_LOW_RATE, delay);
    assertTrue(snr >= 60, "SNR " + snr);
    assertTrue(imageDb <= -60, "image " + imageDb);
  }

  @Test
  void stopbandToneIsRemovedWhenDownsampling() {
    Resampler r = new Resampler(16000, 8000);
    float[] tone = SignalMetrics.toneFloat(6000, 16000, 16000, 0.5);
    float[] out = new float[8000];
    float[] frame = new float[320];
    float[] part = new float[160];
    for (int off = 0; off < 16000; off += 320) {
      System.arraycopy(tone, off, frame, 0, 320);
      r.process(frame, 320, part);
      System.arraycopy(part, 0, out, off / 2, 160);
    }
    double attenuation = 20 * Math.log10(SignalMetrics.rms(out, 400, 7000) / SignalMetrics.rms(tone, 800, 14000));
    System.out.printf("Resampler 16k->8k 6 kHz tone attenuated %.1f dB%n", attenuation);
    assertTrue(attenuation <= -40, "attenuation " + attenuation);
  }

  @Test
  void passbandEdgeIsFlat() {
    // 3.3 kHz is inside the telephone band and must pass 16k -> 8k within 0.1 dB.
    Resampler r = new Resampler(16000, 8000);
    float[] tone = SignalMetrics.toneFloat(3300, 16000, 16000, 0.5);
    float[] out = new float[8000];
    r.process(tone, 16000, out);
    double gain = 20 * Math.log10(SignalMetrics.rms(out, 400, 7000) / SignalMetrics.rms(tone, 800, 14000));
    System.out.printf("Resampler 16k->8k gain at 3.3 kHz %.3f dB%n", gain);
    assertEquals(0, gain, 0.1);
  }

  /**
   * The telephony design: flat through the passband (3.4 kHz at 8 kHz, 7 kHz at 16 kHz), deep from 112 % of
   * the low Nyquist (4.5 kHz, 9 kHz) up, in the mixer's send direction (48 kHz down to the codec rate).
   */
  @ParameterizedTest
  @CsvSource({"8000,300,0", "8000,1000,0", "8000,3400,0", "8000,4500,-70", "8000,6000,-70", "8000,15000,-70",
      "16000,300,0", "16000,7000,0", "16000,9000,-70", "16000,20000,-70"})
  void telephonyPassbandIsFlatAndStopbandDeep(int codecRate, int hz, int expectedDb) {
    Resampler r = new Resampler(48000, codecRate);
    float[] tone = SignalMetrics.toneFloat(hz, 48000, 48000, 0.5);
    float[] out = new float[r.maxOutput(960)];
    float[] all = new float[codecRate];
    float[] chunk = new float[960];
    for (int off = 0; off < 48000; off += 960) {
      System.arraycopy(tone, off, chunk, 0, 960);
      System.arraycopy(out, 0, all, off / (48000 / codecRate), r.process(chunk, 960, out));
    }
    double gainDb = 20 * Math.log10(SignalMetrics.rms(all, codecRate / 20, codecRate * 9 / 10)
        / SignalMetrics.rms(tone, 2400, 43200));
    System.out.printf("Resampler 48k->%d %d Hz: %.3f dB%n", codecRate, hz, gainDb);
    if (expectedDb == 0) {
      assertEquals(0, gainDb, 0.01);
    } else {
      assertTrue(gainDb <= expectedDb, hz + " Hz only " + gainDb + " dB");
    }
  }

  @ParameterizedTest
  @CsvSource({"8000,48000", "48000,8000", "16000,48000", "48000,16000", "8000,16000", "16000,8000"})
  void chunkedProcessingEqualsOneShot(int inRate, int outRate) {
    float[] signal = new float[inRate]; // one second of noise plus tone: any mismatch at a join shows
    Random random = new Random(7);
    for (int i = 0; i < signal.length; i++) {
      signal[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / inRate) + 0.1 * random.nextGaussian());
    }
    Resampler oneShot = new Resampler(inRate, outRate);
    float[] expected = new float[oneShot.maxOutput(signal.length)];
    int expectedLen = oneShot.process(signal, signal.length, expected);

    for (int chunk : new int[] {inRate / 50, 7, 131}) {
      Resampler streaming = new Resampler(inRate, outRate);
      float[] actual = new float[expected.length + chunk];
      float[] in = new float[chunk];
      float[] out = new float[streaming.maxOutput(chunk)];
      int written = 0;
      for (int off = 0; off < signal.length; off += chunk) {
        int n = Math.min(chunk, signal.length - off);
        System.arraycopy(signal, off, in, 0, n);
        int produced = streaming.process(in, n, out);
        System.arraycopy(out, 0, actual, written, produced);
        written += produced;
      }
      assertEquals(expectedLen, written, "chunk " + chunk);
      assertArrayEquals(java.util.Arrays.copyOf(expected, expectedLen), java.util.Arrays.copyOf(actual, written),
          "chunk " + chunk);
    }
  }

  @Test
  void steadyStateProcessingDoesNotAllocate() {
    Resampler r = new Resampler(8000, 48000);
    float[] in = SignalMetrics.toneFloat(1000, 8000, 160, 0.5);
    float[] out = new float[r.maxOutput(160)];
    long allocated = Allocations.measure(() -> r.process(in, 160, out), 2000, 1000);
    assertTrue(allocated < 1024, "allocated " + allocated + " bytes in 1000 frames");
  }

  @Test
  void resetForgetsHistory() {
    Resampler r = new Resampler(16000, 48000);
    float[] loud = SignalMetrics.toneFloat(1000, 16000, 320, 0.9);
    float[] out = new float[r.maxOutput(320)];
    r.process(loud, 320, out);
    r.reset();
    assertEquals(960, r.process(new float[320], 320, out));
    assertEquals(0, SignalMetrics.rms(out, 0, 960), 0);
  }
}
