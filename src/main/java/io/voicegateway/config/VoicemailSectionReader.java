package io.voicegateway.config;

import java.util.List;

/** Reads the {@code voicemail:} section into a {@link VoicemailConfig}. */
final class VoicemailSectionReader {
  static final List<String> KEYS = List.of();

  private VoicemailSectionReader() {}

  static VoicemailConfig read(ConfigValue section) {
    return VoicemailConfig.defaults();
  }
}
