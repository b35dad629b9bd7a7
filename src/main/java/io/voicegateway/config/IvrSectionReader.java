package io.voicegateway.config;

import java.util.List;

/** Reads the {@code ivr:} section into a {@link IvrConfig}. */
final class IvrSectionReader {
  static final List<String> KEYS = List.of();

  private IvrSectionReader() {}

  static IvrConfig read(ConfigValue section) {
    return IvrConfig.defaults();
  }
}
