package io.voicegateway.media.dtmf;

import java.util.Random;

/**
 * Synthetic piano-like music: chords of notes with decaying, slightly inharmonic partials and a
 * vibrato. Includes dyads whose fundamentals lie within 1–2 % of DTMF pairs (F5 + F#6 ≈ digit 3,
 * A#5 + E6 ≈ digit 0), which only the harmonic and energy checks can tell from a key press.
 */
final class MusicSynth {

  private static final int[][] NEAR_DTMF_DYADS = {{77, 90}, {82, 88}, {79, 86}, {77, 86}, {81, 92}};

  private MusicSynth() {}

  static short[] generate(int sampleRate, int seconds, long seed) {
    Random random = new Random(seed);
    double[] mix = new double[sampleRate * seconds];
    int at = 0;
    int chord = 0;
    while (at < mix.length) {
      int length = (int) (sampleRate * (0.25 + random.nextDouble() * 1.25));
      int[] notes = chord % 4 == 3 ? NEAR_DTMF_DYADS[chord / 4 % NEAR_DTMF_DYADS.length] : randomChord(random);
      for (int note : notes) {
        addNote(mix, at, Math.min(length, mix.length - at), sampleRate, note, 0.6 + 0.4 * random.nextDouble(), random);
      }
      at += length;
      chord++;
    }
    return normalise(mix, 0.7);
  }

  private static int[] randomChord(Random random) {
    int root = 48 + random.nextInt(30); // C3 … F5
    int[][] shapes = {{0, 4, 7}, {0, 3, 7}, {0, 4, 7, 11}, {0, 3, 7, 10}, {0, 5, 9, 12}, {0, 7, 12, 16}};
    int[] shape = shapes[random.nextInt(shapes.length)];
    int[] notes = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      notes[i] = root + shape[i];
    }
    return notes;
  }

  private static void addNote(double[] mix, int at, int length, int rate, int midi, double gain, Random random) {
    double f0 = 440 * Math.pow(2, (midi - 69) / 12.0);
    double vibratoHz = 4.5 + random.nextDouble() * 2;
    double vibratoDepth = 0.004 + random.nextDouble() * 0.004; // ±0.4–0.8 % in frequency
    double inharmonicity = 0.0004;
    for (int k = 1; k <= 10; k++) {
      double fk = k * f0 * Math.sqrt(1 + inharmonicity * k * k);
      if (fk >= rate / 2.0 * 0.9) {
        break;
      }
      double amplitude = gain / Math.pow(k, 1.3);
      double decay = 1.5 + 0.6 * k; // higher partials die away faster, as on a piano
      double phase = random.nextDouble() * 2 * Math.PI;
      for (int i = 0; i < length; i++) {
        double t = (double) i / rate;
        double envelope = Math.min(1, t / 0.008) * Math.exp(-decay * t) * Math.min(1, (length - i) / (0.01 * rate));
        phase += 2 * Math.PI * fk * (1 + vibratoDepth * Math.sin(2 * Math.PI * vibratoHz * t)) / rate;
        mix[at + i] += amplitude * envelope * Math.sin(phase);
      }
    }
  }

  private static short[] normalise(double[] mix, double peak) {
    double max = 1e-9;
    for (double v : mix) {
      max = Math.max(max, Math.abs(v));
    }
    short[] pcm = new short[mix.length];
    for (int i = 0; i < mix.length; i++) {
      pcm[i] = Signals.clip(mix[i] / max * peak * 32767);
    }
    return pcm;
  }
}
