package io.voicegateway.apps;

import java.util.Random;

/**
 * Speech-like test audio without an external tool: a glottal pulse train whose pitch glides between 100
 * and 220 Hz, shaped by two moving formant resonators and a 4 Hz syllable envelope, plus a little noise,
 * scaled to {@link #TARGET_RMS}.
 */
public final class SpeechLike {
  /** About −20 dBFS, a usual speech level on a phone line. */
  private static final double TARGET_RMS = 3000;
  private SpeechLike() {}

  public static short[] generate(int samples, int rate) {
    Random random = new Random(7);
    double[] raw = new double[samples];
    double phase = 0;
    double[] f1 = new double[2];
    double[] f2 = new double[2];
    for (int i = 0; i < samples; i++) {
      double t = (double) i / rate;
      double pitch = 160 + 60 * Math.sin(2 * Math.PI * 0.7 * t);
      phase += pitch / rate;
      double excitation = 0;
      if (phase >= 1) {
        phase -= 1;
        excitation = 1;
      }
      excitation += 0.05 * random.nextGaussian();
      double formant1 = 500 + 300 * Math.sin(2 * Math.PI * 1.3 * t);
      double formant2 = 1500 + 600 * Math.sin(2 * Math.PI * 0.9 * t + 1);
      double a = resonate(f1, excitation, formant1, 80, rate);
      double b = resonate(f2, excitation, formant2, 120, rate);
      double envelope = 0.2 + 0.8 * Math.pow(Math.abs(Math.sin(Math.PI * 4 * t)), 0.5);
      raw[i] = envelope * (a + 0.5 * b);
    }
    double sum = 0;
    for (double v : raw) {
      sum += v * v;
    }
    double gain = TARGET_RMS / Math.sqrt(sum / samples);
    short[] out = new short[samples];
    for (int i = 0; i < samples; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(raw[i] * gain)));
    }
    return out;
  }

  /** A two-pole resonator at {@code hz} with bandwidth {@code bw}; {@code s} holds its two past outputs. */
  private static double resonate(double[] s, double x, double hz, double bw, int rate) {
    double r = Math.exp(-Math.PI * bw / rate);
    double y = x + 2 * r * Math.cos(2 * Math.PI * hz / rate) * s[0] - r * r * s[1];
    s[1] = s[0];
    s[0] = y;
    return y * (1 - r);
  }
}
