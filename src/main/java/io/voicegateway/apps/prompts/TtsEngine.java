package io.voicegateway.apps.prompts;

import java.io.IOException;

/**
 * A text-to-speech engine: text in, 48 kHz mono speech out. Blocking (a process, an HTTP request): call it from a
 * worker, never from an event loop or the mixer thread.
 */
public interface TtsEngine {
  /**
   * Names the engine and every setting that changes how it sounds ({@code espeak-ng/en-us/175}): a rendering is
   * cached under this, so two settings never share a cached prompt.
   */
  String key();

  /** Speaks {@code text}; the result says which engine actually rendered it (a fallback may have). */
  Speech render(String text) throws IOException;

  /** Fails, with what to do, when the engine cannot render at all (its program is missing). Blocking. */
  void check() throws IOException;

  /**
   * Rendered speech.
   *
   * @param audio      48 kHz mono
   * @param renderedBy the {@link #key()} of the engine that made it
   */
  record Speech(PromptAudio audio, String renderedBy) {}
}
