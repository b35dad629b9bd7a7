package io.voicegateway.config;

import java.util.List;

/** Reads the {@code conferences:} section into a {@link ConferencesConfig}. */
final class ConferencesSectionReader {
  static final List<String> KEYS = List.of();

  private ConferencesSectionReader() {}

  static ConferencesConfig read(ConfigValue section) {
    return ConferencesConfig.defaults();
  }
}
