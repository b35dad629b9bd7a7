package io.voicegateway.media.dtmf;

import java.util.Random;

/** Builds test audio in 16-bit PCM: DTMF dual tones at given dBm0 levels, silence, noise. */
final class Signals {

  private static final double[] LOW_HZ = {697, 770, 852, 941};
  private static final double[] HIGH_HZ = {1209, 1336, 1477, 1633};
  private static final String KEYPAD = "123A456B789C*0#D";

  private final int sampleRate;
  private short[] pcm = new short[1 << 16];
  private int length;

  Signals(int sampleRate) {
    this.sampleRate = sampleRate;
  }

  /** Amplitude of a sine at {@code dbm0} (a full-scale sine is +3.17 dBm0, as in G.711). */
  static double amplitude(double dbm0) {
    return 32768 * Math.pow(10, (dbm0 - 3.17) / 20);
  }

  static double lowHz(char digit) {
    return LOW_HZ[KEYPAD.indexOf(digit) / 4];
  }

  static double highHz(char digit) {
    return HIGH_HZ[KEYPAD.indexOf(digit) % 4];
  }

  /** Appends a digit's two tones: low tone at {@code lowDbm0}, high tone {@code twistDb} above it. */
  Signals tone(char digit, double ms, double lowDbm0, double twistDb) {
    return dual(lowHz(digit), highHz(digit), ms, lowDbm0, twistDb);
  }

  Signals dual(double f1, double f2, double ms, double f1Dbm0, double twistDb) {
    double a1 = amplitude(f1Dbm0);
    double a2 = amplitude(f1Dbm0 + twistDb);
    int n = samples(ms);
    for (int i = 0; i < n; i++) {
      double t = (double) i / sampleRate;
      append(a1 * Math.sin(2 * Math.PI * f1 * t) + a2 * Math.sin(2 * Math.PI * f2 * t + 1.0));
    }
    return this;
  }

  Signals silence(double ms) {
    int n = samples(ms);
    for (int i = 0; i < n; i++) {
      append(0);
    }
    return this;
  }

  /** Adds white Gaussian noise at {@code dbm0} over everything appended so far. */
  Signals noise(double dbm0, long seed) {
    Random random = new Random(seed);
    double rms = amplitude(dbm0) / Math.sqrt(2);
    for (int i = 0; i < length; i++) {
      pcm[i] = clip(pcm[i] + random.nextGaussian() * rms);
    }
    return this;
  }

  short[] pcm() {
    return java.util.Arrays.copyOf(pcm, length);
  }

  int length() {
    return length;
  }

  private int samples(double ms) {
    return (int) Math.round(ms * sampleRate / 1000);
  }

  private void append(double v) {
    if (length == pcm.length) {
      pcm = java.util.Arrays.copyOf(pcm, pcm.length * 2);
    }
    pcm[length++] = clip(v);
  }

  static short clip(double v) {
    return (short) Math.max(-32768, Math.min(32767, Math.round(v)));
  }
}
