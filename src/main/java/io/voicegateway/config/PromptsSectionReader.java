package io.voicegateway.config;

import java.util.List;

/** Reads the {@code prompts:} section into a {@link PromptsConfig}. */
final class PromptsSectionReader {
  static final List<String> KEYS = List.of();

  private PromptsSectionReader() {}

  static PromptsConfig read(ConfigValue section) {
    return PromptsConfig.defaults();
  }
}
