package io.voicegateway.apps.prompts;

/** Signal tones the apps play: the voicemail beep, conference join and leave. Made on demand; cheap. */
public final class Tones {
  private Tones() {}

  /** A sine of {@code hz} for {@code ms}, at {@code level} (0…1), with 5 ms ramps so it starts and ends without a click. */
  public static PromptAudio tone(double hz, int ms, float level) {
    int n = PromptAudio.SAMPLE_RATE * ms / 1000;
    int ramp = PromptAudio.SAMPLE_RATE / 200;
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      double envelope = Math.min(1.0, Math.min(i, n - 1 - i) / (double) ramp);
      s[i] = (float) (level * envelope * Math.sin(2 * Math.PI * hz * i / PromptAudio.SAMPLE_RATE));
    }
    return new PromptAudio(s);
  }

  /** The beep before a voicemail message: 1 kHz, 400 ms. */
  public static PromptAudio beep() {
    return tone(1000, 400, 0.4f);
  }

  /** Silence of {@code ms}, to space prompts. */
  public static PromptAudio silence(int ms) {
    return new PromptAudio(new float[PromptAudio.SAMPLE_RATE * ms / 1000]);
  }
}
