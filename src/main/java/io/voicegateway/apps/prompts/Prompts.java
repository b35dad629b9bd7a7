package io.voicegateway.apps.prompts;

import io.voicegateway.config.Prompt;
import java.io.IOException;

/**
 * Turns a configured {@link Prompt} into audio: text through the TTS engine, a file read and resampled, each made
 * once and cached (on disk by engine, voice and text; in memory while in use). Blocking: call it through
 * {@code AppCall.blocking}, never on an event loop or the mixer thread.
 */
public interface Prompts {
  PromptAudio load(Prompt prompt) throws IOException;
}
