package io.voicegateway.apps.prompts;

/**
 * A prompt ready to play: mono samples at the mixer's 48 kHz, −1…1, made once (synthesised or read and
 * resampled) and shared by every call that plays it, so nobody may write to the array.
 */
public final class PromptAudio {
  public static final int SAMPLE_RATE = 48_000;

  private final float[] samples;

  /** Takes {@code samples48k} without copying: the caller hands it over and keeps no reference. */
  public PromptAudio(float[] samples48k) {
    this.samples = samples48k;
  }

  /** Read-only. */
  float[] samples() {
    return samples;
  }

  public int length() {
    return samples.length;
  }

  public long durationMs() {
    return samples.length * 1000L / SAMPLE_RATE;
  }

  /** The sample at {@code i}, for tests and for apps that analyse a prompt. */
  public float sample(int i) {
    return samples[i];
  }
}
