package io.voicegateway.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a caller is told: text for the TTS engine, or an audio file (WAV of any rate and channel count). Exactly
 * one of the two is set.
 *
 * @param text  words to synthesise, or null
 * @param file  a WAV file (relative paths as written in the configuration), or null
 */
public record Prompt(String text, Path file) {
  public Prompt {
    if ((text == null) == (file == null)) {
      throw new IllegalArgumentException("a prompt is either text or a file");
    }
  }

  public static Prompt text(String text) {
    return new Prompt(text, null);
  }

  public static Prompt file(Path file) {
    return new Prompt(null, file);
  }

  /**
   * A prompt written as one string (a YAML value, the argument of {@code app: announce …}): a file when it ends in
   * {@code .wav}, otherwise text to speak. Null for blank.
   */
  public static Prompt parse(String written) {
    String s = written == null ? "" : written.strip();
    if (s.isEmpty()) {
      return null;
    }
    return s.toLowerCase(Locale.ROOT).endsWith(".wav") ? file(Path.of(s)) : text(s);
  }

  public boolean isText() {
    return text != null;
  }

  @Override
  public String toString() {
    return isText() ? "\"" + text + "\"" : file.toString();
  }
}
