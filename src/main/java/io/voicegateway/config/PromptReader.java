package io.voicegateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads one prompt value wherever a section has one ({@code greeting:}, {@code invalid:}, …): a string is text to
 * speak unless it names a {@code .wav} file; {@code {text: …}} or {@code {file: …}} says which explicitly.
 */
final class PromptReader {
  static final List<String> KEYS = List.of("text", "file");

  private PromptReader() {}

  /** The prompt at {@code value}, or {@code fallback} when unset. */
  static Prompt read(ConfigValue value, Prompt fallback) {
    if (value.isUnset()) {
      return fallback;
    }
    if (value.isScalar()) {
      Prompt prompt = Prompt.parse(value.asText());
      if (prompt == null) {
        throw value.error("a prompt needs text to speak or a .wav file");
      }
      return prompt;
    }
    ConfigMap map = value.asMap(KEYS);
    ConfigValue text = map.get("text");
    ConfigValue file = map.get("file");
    if (text.isUnset() == file.isUnset()) {
      throw value.error("give exactly one of text or file");
    }
    return text.isUnset() ? Prompt.file(Path.of(file.asText())) : Prompt.text(text.asText());
  }
}
