package io.voicegateway.apps.prompts;

/** A pure tone's frequency from its rising zero crossings: enough to see that a rate conversion kept the pitch. */
final class ZeroCrossings {
  private ZeroCrossings() {}

  static double hz(PromptAudio audio) {
    float[] s = new float[audio.length()];
    for (int i = 0; i < s.length; i++) {
      s[i] = audio.sample(i);
    }
    return hz(s, PromptAudio.SAMPLE_RATE);
  }

  static double hz(float[] s, int rate) {
    int first = -1;
    int last = -1;
    int crossings = 0;
    for (int i = 1; i < s.length; i++) {
      if (s[i - 1] < 0 && s[i] >= 0) {
        if (first < 0) {
          first = i;
        } else {
          crossings++;
        }
        last = i;
      }
    }
    return crossings == 0 ? 0 : crossings * (double) rate / (last - first);
  }
}
