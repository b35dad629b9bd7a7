package io.voicegateway.apps.voicemail;

import io.voicegateway.apps.audio.WavReader;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.config.Prompt;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompts from WAV files only, each read and resampled once: what voicemail speaks with until the gateway's prompt
 * library (TTS) is wired in {@code GatewayApps}. A text prompt fails with an IOException, and the apps leave it out
 * (a greeting then becomes the beep alone).
 */
public final class FilePrompts implements Prompts {
  private final Map<Prompt, PromptAudio> cache = new ConcurrentHashMap<>();

  @Override
  public PromptAudio load(Prompt prompt) throws IOException {
    if (prompt.isText()) {
      throw new IOException("no TTS engine to speak " + prompt);
    }
    PromptAudio audio = cache.get(prompt);
    if (audio == null) {
      audio = new PromptAudio(WavReader.readMono(prompt.file(), PromptAudio.SAMPLE_RATE));
      cache.put(prompt, audio);
    }
    return audio;
  }
}
